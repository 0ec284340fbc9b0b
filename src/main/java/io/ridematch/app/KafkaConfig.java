package io.ridematch.app;

import java.nio.file.Path;

/**
 * Where the event log lives.
 *
 * @param bootstrap an external cluster's {@code host:port}, or null for the embedded broker under {@code dataDir}
 * @param enabled   false with {@code --no-kafka}: the city runs on the event bus alone
 */
public record KafkaConfig(boolean enabled, String bootstrap, Path dataDir, int partitions, short replicationFactor) {

    public boolean embedded() {
        return enabled && bootstrap == null;
    }
}
