package io.ridematch.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka node, in this process: Apache Kafka's own server classes in KRaft mode (broker and controller in
 * one), data under a folder of ours, on loopback ports; alone, or one of a cluster of nodes started apart. The same steps as
 * {@code kafka-storage.sh format} then {@code kafka-server-start.sh}; a lock on the folder keeps a second
 * process from corrupting it.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final KafkaRaftServer server;
    private final String bootstrap;

    private EmbeddedKafka(Path dataDir, FileChannel lockChannel, FileLock lock, KafkaRaftServer server,
                          String bootstrap) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /**
     * One node of a cluster: this node's id, every controller of the cluster as Kafka writes its voters
     * ({@code 1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093}), and the users a SASL/PLAIN listener takes.
     *
     * @param port       the client port on 127.0.0.1; 0 picks a free one
     * @param voters     null for a cluster of this node alone, on a free controller port
     * @param saslUsers  user name to password; empty for a PLAINTEXT client listener
     * @param fresh      delete the log already in the folder first (once its lock is held)
     */
    public record Node(int port, int nodeId, String voters, Map<String, String> saslUsers, boolean fresh) {

        public Node {
            saslUsers = Map.copyOf(saslUsers);
        }

        /** A single-node cluster on {@code port}. */
        public static Node alone(int port, boolean fresh) {
            return new Node(port, 1, null, Map.of(), fresh);
        }

        /**
         * What a client needs to be let in: nothing on PLAINTEXT; on SASL/PLAIN, the first user's login (the one
         * the nodes use between themselves).
         */
        public Map<String, String> clientProperties() {
            if (saslUsers.isEmpty()) {
                return Map.of();
            }
            Map.Entry<String, String> first = new TreeMap<>(saslUsers).firstEntry();
            return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                    plainLogin(first.getKey(), first.getValue()) + ";");
        }

        /** The voters as id to host:port, in id order; a malformed list is an IllegalArgumentException. */
        public Map<Integer, String> controllers() {
            Map<Integer, String> controllers = new TreeMap<>();
            for (String voter : voters.split(",")) {
                Matcher m = VOTER.matcher(voter.strip());
                if (!m.matches()) {
                    throw new IllegalArgumentException("a controller is ID@HOST:PORT, was '" + voter.strip() + "'");
                }
                if (controllers.put(Integer.parseInt(m.group(1)), m.group(2)) != null) {
                    throw new IllegalArgumentException("node " + m.group(1) + " is named twice in " + voters);
                }
            }
            return controllers;
        }

        /**
         * The cluster's id: derived from the voters, so the nodes of one cluster started apart agree on it, and a
         * node pointed at another cluster's folder is refused by Kafka instead of joining it.
         */
        String clusterId() {
            return Uuid.fromString(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Arrays.copyOf(sha256(voters == null ? "alone" : voters), 16))).toString();
        }
    }

    private static final Pattern VOTER = Pattern.compile("(\\d{1,4})@([^\\s@:,]+:\\d{1,5})");

    /** Formats {@code dataDir} if it is new, then starts the broker on a free port. */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Formats {@code dataDir} if it is new, then starts the broker; returns once it accepts connections. */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, false);
    }

    /**
     * The same, with {@code fresh}: the log already in {@code dataDir} is deleted first, but only once the folder's
     * lock is held, so a log another process is writing is never touched.
     */
    public static EmbeddedKafka start(Path dataDir, int port, boolean fresh) {
        return start(dataDir, Node.alone(port, fresh));
    }

    /** One node as {@code node} says; returns once it has started (a node of a cluster, before the others may). */
    public static EmbeddedKafka start(Path dataDir, Node node) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("the data folder " + dataDir
                        + " is in use by another ridematch process; stop it or pass another --data-dir");
            }
            int port = node.port();
            int brokerPort = port == 0 ? freePort() : port;
            if (port != 0 && !isFree(port)) {
                lock.release();
                channel.close();
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use by another program; pick "
                        + "another port for the broker");
            }
            String voters;
            String controllerAddress;
            int nodes;
            if (node.voters() == null) {
                controllerAddress = "127.0.0.1:" + freePort();
                voters = node.nodeId() + "@" + controllerAddress;
                nodes = 1;
            } else {
                Map<Integer, String> controllers = node.controllers();
                controllerAddress = controllers.get(node.nodeId());
                if (controllerAddress == null) {
                    throw new IllegalArgumentException("node " + node.nodeId() + " is not among the controllers "
                            + node.voters());
                }
                voters = node.voters();
                nodes = controllers.size();
            }
            Path logDir = dataDir.resolve("kafka");
            if (node.fresh() && Files.exists(logDir)) {
                deleteLog(logDir);
            }
            // replicas on three nodes when there are three, and a write needs two of them (Kafka's advice)
            String replicas = Integer.toString(Math.min(3, nodes));
            String minInSync = nodes >= 3 ? "2" : "1";
            String client = node.saslUsers().isEmpty() ? "PLAINTEXT" : "SASL_PLAINTEXT";
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(node.nodeId()));
            props.put("listeners", client + "://127.0.0.1:" + brokerPort + ",CONTROLLER://" + controllerAddress);
            props.put("advertised.listeners", client + "://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", client);
            if (!node.saslUsers().isEmpty()) {
                saslPlain(props, node.saslUsers());
            }
            // static voters survive a restart on new ports
            props.put("controller.quorum.voters", voters);
            props.put("log.dirs", logDir.toString());
            props.put("offsets.topic.replication.factor", replicas);
            props.put("transaction.state.log.replication.factor", replicas);
            props.put("transaction.state.log.min.isr", minInSync);
            props.put("share.coordinator.state.topic.replication.factor", replicas);
            props.put("share.coordinator.state.topic.min.isr", minInSync);
            props.put("default.replication.factor", replicas);
            props.put("min.insync.replicas", minInSync);
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setNodeId(node.nodeId())
                        .setClusterId(node.clusterId())
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(logDir.toString())
                        .addDirectory(logDir.toString())
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .run();
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(dataDir, channel, lock, server, "127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * A SASL/PLAIN client listener taking {@code users}; the brokers talk to each other on it as the first user.
     * PLAIN sends passwords in the clear: for trying a client configuration here, over TLS in real life.
     */
    private static void saslPlain(Properties props, Map<String, String> users) {
        Map.Entry<String, String> first = new TreeMap<>(users).firstEntry();
        StringBuilder jaas = new StringBuilder(plainLogin(first.getKey(), first.getValue()));
        new TreeMap<>(users).forEach((user, password) -> jaas.append(" user_").append(user).append("=\"")
                .append(password).append('"'));
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }

    private static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\"";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Stops the broker, waiting at most {@code bound} for it; a broker that takes longer is named on stderr and
     * left to the process exit (the log is safe: Kafka recovers an unclean shutdown on the next start).
     */
    public void close(Duration bound) {
        Thread shutdown = new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "ridematch-broker-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(bound.toMillis());
            if (shutdown.isAlive()) {
                System.err.println("ridematch: the embedded broker did not shut down within " + bound.toSeconds()
                        + " s; leaving it to the process exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the process is ending; the OS drops the lock anyway
            }
        }
    }

    /** Deletes a broker's log folder and everything in it (the broker must be stopped, or about to be dropped). */
    public static void deleteLog(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
