package io.ridematch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml can be validated but not run here (no Docker engine): every file it mounts or builds from
 * must exist, and whatever Prometheus and Grafana are told to reach must be a compose service.
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private final JsonNode compose = read("docker-compose.yml");
    private final Set<String> services = fieldNames(compose.get("services"));

    @Test
    void everyMountedFileAndBuildContextExists() {
        List<String> mounts = new ArrayList<>();
        compose.get("services").forEach(service -> {
            if (service.has("build")) {
                assertThat(Path.of(service.get("build").asText()).resolve("Dockerfile")).exists();
            }
            if (service.has("volumes")) {
                service.get("volumes").forEach(v -> mounts.add(v.asText().split(":")[0]));
            }
        });
        assertThat(mounts).isNotEmpty().allSatisfy(host -> assertThat(Path.of(host)).exists());
    }

    @Test
    void prometheusScrapesComposeServices() {
        JsonNode prometheus = read("dashboards/prometheus.yml");
        List<String> targets = new ArrayList<>();
        prometheus.get("scrape_configs").forEach(job -> job.get("static_configs")
                .forEach(config -> config.get("targets").forEach(t -> targets.add(t.asText().split(":")[0]))));
        assertThat(targets).isNotEmpty();
        assertThat(services).containsAll(targets);
    }

    @Test
    void grafanaReachesPrometheusAndItsHomeDashboardExists() {
        JsonNode datasources = read("dashboards/provisioning/datasources/prometheus.yml");
        String host = URI.create(datasources.get("datasources").get(0).get("url").asText()).getHost();
        assertThat(services).contains(host);
        String home = compose.get("services").get("grafana").get("environment")
                .get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        assertThat(Path.of("dashboards", Path.of(home).getFileName().toString())).exists();
    }

    @Test
    void imagesArePinnedAndDependenciesWaitForHealth() {
        compose.get("services").forEach(service -> {
            if (service.has("image")) {
                assertThat(service.get("image").asText()).matches(".+:v?\\d[^:]*").doesNotContain("latest");
            }
        });
        assertThat(compose.get("services").get("platform").get("depends_on").get("kafka").get("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void theClusterVariantsThreeNodesAreTheVotersAndThePlatformsBootstrap() {
        JsonNode cluster = read("docker-compose.cluster.yml");
        JsonNode nodes = cluster.get("services");
        List<String> voters = new ArrayList<>();
        List<String> bootstrap = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            String name = id == 1 ? "kafka" : "kafka-" + id;
            JsonNode environment = nodes.get(name).get("environment");
            assertThat(environment.get("KAFKA_NODE_ID").asInt()).as(name).isEqualTo(id);
            assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS").asText()).startsWith("PLAINTEXT://" + name + ":9092");
            voters.add(id + "@" + name + ":9093");
            bootstrap.add(name + ":9092");
        }
        assertThat(cluster.get("x-kafka-cluster").get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                .isEqualTo(String.join(",", voters));
        assertThat(cluster.get("x-kafka-cluster").get("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
        for (String client : List.of("platform", "simulator")) {
            List<String> command = new ArrayList<>();
            nodes.get(client).get("command").forEach(word -> command.add(word.asText()));
            assertThat(command.get(command.indexOf("--kafka-bootstrap") + 1)).as(client)
                    .isEqualTo(String.join(",", bootstrap));
        }
        assertThat(services).as("services the cluster variant changes").contains("kafka", "platform", "simulator");
    }

    private static JsonNode read(String file) {
        try {
            return YAML.readTree(Files.readString(Path.of(file)));
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
