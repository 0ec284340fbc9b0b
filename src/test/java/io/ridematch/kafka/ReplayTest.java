package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.city.KafkaConfig;
import io.ridematch.city.RunReport;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.Role;
import io.ridematch.platform.core.readmodel.CityReadModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event sourcing: the log a run wrote rebuilds the same read model, and folding it twice changes nothing. */
class ReplayTest {

    @TempDir
    Path dataDir;

    @Test
    void replayRebuildsTheLiveReadModelAndRedeliveryChangesNothing() throws Exception {
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(1), null, 0, 42, 0, null);
        RunReport live = SimulationRun.run(Role.SIMULATE, ScenarioFile.load("small-town"), config,
                new KafkaConfig(true, null, dataDir, 3, (short) 1), Duration.ZERO,
                new PrintStream(OutputStream.nullOutputStream()));

        List<DomainEvent> log = new ArrayList<>();
        try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir)) {
            LogReader.Summary read = LogReader.readAll(KafkaConnection.to(broker.bootstrapServers()),
                    List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS), log::add);
            assertThat(read.undecodable()).isZero();
        }
        CityReadModel replayed = new CityReadModel();
        log.forEach(replayed::apply);

        assertThat(live.outcomes().requested()).isGreaterThan(100);
        assertThat(replayed.outcomes()).isEqualTo(live.outcomes());
        assertThat(replayed.kpis()).isEqualTo(live.kpis());

        CityReadModel twice = new CityReadModel();
        log.forEach(e -> {
            twice.apply(e);
            twice.apply(e);
        });
        assertThat(twice.outcomes()).isEqualTo(live.outcomes());
        assertThat(twice.kpis()).isEqualTo(live.kpis());
        assertThat(twice.eventsApplied()).isEqualTo(log.size());
    }
}
