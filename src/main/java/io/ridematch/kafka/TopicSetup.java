package io.ridematch.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the contract's topics with explicit partition counts, once; existing topics are left as they are. */
public final class TopicSetup {

    /** How long a broker may take to answer before the program says there is none. */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(6);

    private TopicSetup() {
    }

    /**
     * Asks the cluster how many brokers it has, and whether it can hold the replicas asked for; then creates the
     * topics that are missing.
     *
     * @throws KafkaUnreachable          when no broker answers within {@link #ANSWER_WITHIN}
     * @throws IllegalArgumentException when {@code settings} ask for more replicas than the cluster has brokers
     */
    public static void ensureTopics(KafkaSettings settings) {
        try (Admin admin = admin(settings.connection())) {
            int brokers = brokers(admin, settings.bootstrapServers());
            short replicas = replicas(settings.replicationFactor(), brokers);
            if (replicas > brokers) {
                throw new IllegalArgumentException("--replication-factor " + settings.replicationFactor()
                        + " needs as many brokers, and the cluster at " + settings.bootstrapServers() + " has "
                        + brokers);
            }
            Set<String> existing = admin.listTopics().names().get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
            // a write is acknowledged once two replicas hold it when there are three: one broker may go
            Map<String, String> durable = Map.of("min.insync.replicas", replicas >= 3 ? "2" : "1");
            int partitions = settings.partitions();
            List<NewTopic> contract = List.of(
                    new NewTopic(Topics.RIDE_EVENTS, partitions, replicas).configs(durable),
                    new NewTopic(Topics.DRIVER_EVENTS, partitions, replicas).configs(durable),
                    new NewTopic(Topics.RIDE_COMMANDS, partitions, replicas).configs(durable),
                    new NewTopic(Topics.RIDE_OFFERS, partitions, replicas).configs(durable),
                    new NewTopic(Topics.OFFER_ANSWERS, partitions, replicas).configs(durable),
                    new NewTopic(Topics.DEAD_LETTERS, 1, replicas).configs(durable),
                    new NewTopic(Topics.SIM_CLOCK, 1, replicas).configs(durable),
                    // the newest snapshots are all a restart needs: segments of 64 MiB, 512 MiB kept
                    new NewTopic(Topics.SNAPSHOTS, 1, replicas).configs(Map.of(
                            "cleanup.policy", "delete", "segment.bytes", Integer.toString(64 << 20),
                            "retention.bytes", Long.toString(512L << 20),
                            "min.insync.replicas", durable.get("min.insync.replicas"))));
            List<NewTopic> missing = contract.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    } // another process made them meanwhile
                }
            }
            // new topics, and those of a broker just restarted, may name leaders that do not take writes yet
            awaitLeaders(admin, contract.stream().map(NewTopic::name).toList(), LEADERS_WITHIN);
        } catch (ExecutionException e) {
            throw new KafkaUnreachable("cannot create the topics on " + settings.bootstrapServers() + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachable("interrupted while creating the topics on " + settings.bootstrapServers());
        } catch (TimeoutException e) {
            throw new KafkaUnreachable("Kafka at " + settings.bootstrapServers() + " did not make the topics ready "
                    + "in 30 s" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** How long the topics' leaders may take to take writes. */
    static final Duration LEADERS_WITHIN = Duration.ofSeconds(30);

    /**
     * Waits until the leader of every partition of {@code topics} answers for it. Kafka names a new topic's leaders
     * a moment before they take writes: an idempotent producer whose first batch to a partition is refused then
     * (NOT_LEADER_OR_FOLLOWER) while its next one is taken can never write that first one (the broker answers
     * OutOfOrderSequence to every retry until the delivery timeout fails it, two minutes later), and a run that
     * starts with a burst, every driver coming online, met that (measured: 1 run in 6 of 200,000 records).
     */
    static void awaitLeaders(Admin admin, List<String> topics, Duration bound)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + bound.toNanos();
        String lastError = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)
                        .forEach((name, topic) -> topic.partitions().forEach(
                                p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                // a partition's end offset is answered by its leader only once it holds the partition
                admin.listOffsets(ends).all().get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                lastError = notYet.getCause().getMessage();
            } catch (TimeoutException notYet) {
                lastError = "no answer in " + ANSWER_WITHIN.toSeconds() + " s";
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("the topics' leaders did not take writes within " + bound.toSeconds()
                + " s (" + lastError + ")");
    }

    /**
     * Waits until {@code brokers} brokers have joined the cluster at {@code connection}, at most {@code bound};
     * returns at once for one.
     *
     * @throws KafkaUnreachable when they have not, naming how many did
     */
    public static void awaitBrokers(KafkaConnection connection, int brokers, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        try (Admin admin = admin(connection)) {
            int joined = 0;
            while (System.nanoTime() < deadline) {
                try {
                    joined = admin.describeCluster().nodes().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
                            .size();
                    if (joined >= brokers) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // the node itself may still be starting: ask again
                }
                Thread.sleep(500);
            }
            throw new KafkaUnreachable("only " + joined + " of the cluster's " + brokers + " nodes joined within "
                    + bound.toSeconds() + " s; start the others with the same --controllers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachable("interrupted while waiting for the cluster's nodes");
        }
    }

    /** The replicas of each topic: as asked, or with 0 three where the cluster has three brokers or more, else one. */
    static short replicas(short asked, int brokers) {
        return asked > 0 ? asked : (short) Math.min(3, brokers);
    }

    /** Checks that a broker answers at {@code bootstrapServers}, within {@link #ANSWER_WITHIN}. */
    public static void checkReachable(KafkaConnection connection) {
        try (Admin admin = admin(connection)) {
            brokers(admin, connection.bootstrapServers());
        }
    }

    private static int brokers(Admin admin, String bootstrapServers) {
        try {
            return admin.describeCluster().nodes().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new KafkaUnreachable("Kafka at " + bootstrapServers + " refused this process's login ("
                        + refused.getMessage() + "); check the SASL settings given with --kafka-config or "
                        + "--kafka-property");
            }
            throw unreachable(bootstrapServers);
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachable("interrupted while asking Kafka at " + bootstrapServers + " for its brokers");
        }
    }

    private static KafkaUnreachable unreachable(String bootstrapServers) {
        return new KafkaUnreachable("no Kafka broker answers at " + bootstrapServers + " (waited "
                + ANSWER_WITHIN.toSeconds() + " s); start one, e.g. 'ridematch broker', or fix --kafka-bootstrap "
                + "(a cluster that takes only SASL or TLS clients needs their settings: --kafka-config)");
    }

    /** An admin client on {@code connection} that gives up within {@link #ANSWER_WITHIN}. */
    static Admin admin(KafkaConnection connection) {
        String millis = Long.toString(ANSWER_WITHIN.toMillis());
        try {
            return Admin.create(new HashMap<String, Object>(connection.admin(Map.of(
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                    "socket.connection.setup.timeout.max.ms", "2000",
                    "reconnect.backoff.max.ms", "1000"))));
        } catch (KafkaException e) {
            // an unresolvable host name, or a client setting Kafka refuses, is refused here, before any connection
            throw new KafkaUnreachable("cannot reach Kafka at " + connection + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
    }

    /** No broker answers where the program was told to find one: an environment problem, exit code 1. */
    public static final class KafkaUnreachable extends RuntimeException {
        public KafkaUnreachable(String message) {
            super(message, null, false, false);
        }
    }
}
