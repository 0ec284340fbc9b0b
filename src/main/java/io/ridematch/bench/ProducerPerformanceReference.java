package io.ridematch.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own producer benchmark ({@code org.apache.kafka.tools.ProducerPerformance}, what
 * {@code kafka-producer-perf-test.sh} runs) against the same broker, in its own JVM as users run it, with the
 * platform's record size and producer settings.
 */
public final class ProducerPerformanceReference {

    public static final String TOPIC = "bench-producer-perf";
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private ProducerPerformanceReference() {
    }

    /** Records per second ProducerPerformance reports for {@code records} records of {@code recordBytes}. */
    public static double recordsPerSecond(String bootstrap, int partitions, long records, int recordBytes,
                                   Map<String, String> producerConfig) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordBytes), "--throughput", "-1", "--producer-props"));
        producerConfig.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.contains("records sent") && line.contains("avg latency")) {
                    summary = line; // the last such line is the whole run's
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || summary == null) {
            throw new IllegalStateException("ProducerPerformance failed:\n" + output);
        }
        Matcher m = SUMMARY.matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("unexpected ProducerPerformance summary: " + summary);
        }
        return Double.parseDouble(m.group(2));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
