package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.city.ScenarioFile.InvalidScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

    @Test
    void bundledScenariosLoadByNameAndByPath() {
        Scenario town = ScenarioFile.load("small-town");
        assertThat(town.name()).isEqualTo("Small Town");
        assertThat(town.startTime()).isEqualTo(LocalTime.of(7, 0));
        assertThat(town.duration()).isEqualTo(Duration.ofHours(2));

        Scenario newYork = ScenarioFile.load("simulator/scenarios/new-york.yaml");
        assertThat(newYork.demand().ridesPerDay()).isEqualTo(700_000);
        assertThat(newYork.supply().drivers()).isEqualTo(20_000);
        assertThat(newYork.demand().hotspots()).extracting(io.ridematch.world.core.WorldScenario.Hotspot::name)
                .contains("Midtown", "JFK Airport", "LaGuardia Airport");
    }

    @Test
    void invalidValueNamesTheField(@TempDir Path dir) throws Exception {
        Path file = variant(dir, "tickSeconds: 1", "tickSeconds: 0");
        assertThatThrownBy(() -> ScenarioFile.load(file.toString()))
                .isInstanceOf(InvalidScenario.class).hasMessageContaining("tickSeconds");
    }

    @Test
    void hotspotOutsideTheAreaIsRefused(@TempDir Path dir) throws Exception {
        Path file = variant(dir, "lat: 40.0176", "lat: 45.0");
        assertThatThrownBy(() -> ScenarioFile.load(file.toString()))
                .isInstanceOf(InvalidScenario.class).hasMessageContaining("Downtown").hasMessageContaining("outside");
    }

    @Test
    void brokenYamlAndWrongTypesAreOneLine(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: [unclosed\n");
        assertThatThrownBy(() -> ScenarioFile.load(broken.toString()))
                .isInstanceOf(InvalidScenario.class)
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));

        Path wrongType = variant(dir, "drivers: 160", "drivers: lots");
        assertThatThrownBy(() -> ScenarioFile.load(wrongType.toString()))
                .isInstanceOf(InvalidScenario.class).hasMessageContaining("drivers");
    }

    @Test
    void aWrongValueNamesFieldValueLineAndColumnWithoutJavaNames(@TempDir Path dir) throws Exception {
        Path lots = variant(dir, "speedKmh: 30", "speedKmh: lots");
        assertThatThrownBy(() -> ScenarioFile.load(lots.toString()))
                .hasMessageContaining("travel.speedKmh: 'lots' is not a number (line 33, column 13)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java.lang").doesNotContain("Double")
                        .doesNotContain("`"));
    }

    @Test
    void theDriversDeclineRateIsReadUnderSupplyAndAFileWithItUnderMatchingIsToldWhereItWent(@TempDir Path dir)
            throws Exception {
        Path supply = variant(dir, "drivers: 160", "drivers: 160\n  declineProbability: 0.2");
        assertThat(ScenarioFile.load(supply.toString()).world().supply().declineProbability()).isEqualTo(0.2);

        Path old = variant(dir, "maxWaitSeconds: 900", "maxWaitSeconds: 900\n  declineProbability: 0.2");
        assertThatThrownBy(() -> ScenarioFile.load(old.toString())).isInstanceOf(InvalidScenario.class)
                .hasMessageContaining("matching.declineProbability is now supply.declineProbability");
    }

    @Test
    void aFractionalDriverCountIsRefusedNotTruncated(@TempDir Path dir) throws Exception {
        Path half = variant(dir, "drivers: 160", "drivers: 160.5");
        assertThatThrownBy(() -> ScenarioFile.load(half.toString()))
                .hasMessageContaining("supply.drivers: '160.5' is not a whole number");
    }

    @Test
    void shiftSharesMustAddUpToOne(@TempDir Path dir) throws Exception {
        Path shares = variant(dir, "share: 0.10", "share: 0.15");
        assertThatThrownBy(() -> ScenarioFile.load(shares.toString()))
                .hasMessageContaining("the shares add up to 1.05").hasMessageContaining("must add up to 1");
    }

    @Test
    void aCurrencyMustBeIso4217(@TempDir Path dir) throws Exception {
        Path xyz = variant(dir, "currency: USD", "currency: XYZ");
        assertThatThrownBy(() -> ScenarioFile.load(xyz.toString())).hasMessageContaining("ISO 4217")
                .hasMessageContaining("XYZ");
        assertThat(ScenarioFile.load(variant(dir, "currency: USD", "currency: EUR").toString())).isNotNull();
    }

    private static Path variant(Path dir, String from, String to) throws Exception {
        String town = new String(ScenarioFile.class.getResourceAsStream("/scenarios/small-town.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(town).contains(from);
        return Files.writeString(dir.resolve("variant.yaml"), town.replace(from, to));
    }
}
