package io.ridematch.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the contract's topics with explicit partition counts, once; existing topics are left as they are. */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void ensureTopics(KafkaSettings settings) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(
                            new NewTopic(Topics.RIDE_EVENTS, settings.partitions(), settings.replicationFactor()),
                            new NewTopic(Topics.DRIVER_EVENTS, settings.partitions(), settings.replicationFactor()),
                            new NewTopic(Topics.RIDE_COMMANDS, settings.partitions(), settings.replicationFactor()),
                            new NewTopic(Topics.DEAD_LETTERS, 1, settings.replicationFactor()),
                            new NewTopic(Topics.SIM_CLOCK, 1, settings.replicationFactor()))
                    .stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the topics on " + settings.bootstrapServers() + ": "
                        + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " did not answer in 30 s", e);
        }
    }
}
