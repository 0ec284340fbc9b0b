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
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker, in this process: Apache Kafka's own server classes in KRaft mode (broker
 * and controller in one), data under a folder of ours, on free loopback ports. The same steps as
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
            int brokerPort = port == 0 ? freePort() : port;
            if (port != 0 && !isFree(port)) {
                lock.release();
                channel.close();
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use by another program; pick "
                        + "another port for the broker");
            }
            int controllerPort = freePort();
            Path logDir = dataDir.resolve("kafka");
            if (fresh && Files.exists(logDir)) {
                deleteLog(logDir);
            }
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            // static voters survive a restart on new ports
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("log.dirs", logDir.toString());
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
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
