package io.ridematch.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the cluster is and how to talk to it: the bootstrap servers, and the client settings a real cluster needs
 * (SASL, TLS, tuning) from {@code --kafka-property} and {@code --kafka-config}. Every producer, consumer and admin
 * client the process makes is configured here, each with the settings its kind of client knows, laid over
 * ridematch's own.
 *
 * @param properties Kafka client settings, e.g. {@code security.protocol=SASL_SSL}
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {

    /** Settings ridematch decides itself: the bridge's exactly-once-in-effect rests on them, or a flag sets them. */
    static final Set<String> OURS = Set.of("bootstrap.servers", "group.id", "group.instance.id", "enable.auto.commit",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "transactional.id",
            "enable.idempotence", "acks");

    public KafkaConnection {
        properties = Map.copyOf(properties);
    }

    /** A plain connection, with no settings of the user's. */
    public static KafkaConnection to(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * Why {@code properties} cannot be used, or empty: a setting no Kafka client knows (a typo would otherwise be a
     * warning in a log nobody reads), or one of ridematch's own.
     */
    public static Optional<String> problemWith(Map<String, String> properties) {
        Set<String> known = new TreeSet<>(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        for (String key : new TreeSet<>(properties.keySet())) {
            if (OURS.contains(key)) {
                return Optional.of("the Kafka setting " + key + " is ridematch's own"
                        + (key.equals("bootstrap.servers") ? "; use --kafka-bootstrap" : " and cannot be changed"));
            }
            if (!known.contains(key)) {
                return Optional.of("no Kafka client knows the setting '" + key + "'");
            }
        }
        return Optional.empty();
    }

    /** A producer's configuration: {@code ours}, then the user's producer settings. */
    public Map<String, String> producer(Map<String, String> ours) {
        return laid(ours, ProducerConfig.configNames());
    }

    /** A consumer's configuration: {@code ours}, then the user's consumer settings. */
    public Map<String, String> consumer(Map<String, String> ours) {
        return laid(ours, ConsumerConfig.configNames());
    }

    /** An admin client's configuration: {@code ours}, then the user's admin settings. */
    Map<String, String> admin(Map<String, String> ours) {
        return laid(ours, AdminClientConfig.configNames());
    }

    private Map<String, String> laid(Map<String, String> ours, Set<String> known) {
        Map<String, String> config = new HashMap<>(ours);
        config.put("bootstrap.servers", bootstrapServers);
        properties.forEach((key, value) -> {
            if (known.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }

    @Override
    public String toString() {
        return bootstrapServers;
    }
}
