package io.ridematch.city;

import io.ridematch.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The JSON a command writes with {@code --report}: checked before the run starts, written at its end. */
public final class ReportFile {

    private ReportFile() {
    }

    /**
     * Refuses, before anything runs, a report path that cannot be written: a missing folder, a folder, a file
     * without write permission. A long run never loses its report at the end.
     */
    public static void checkWritable(Path report) {
        checkWritable("--report", report);
    }

    /** The same check for the file another option names. */
    public static void checkWritable(String option, Path report) {
        if (report == null) {
            return;
        }
        Path absolute = report.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UsageException(option + " " + report + " is a folder; name a file");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UsageException(option + " " + report + ": the folder " + folder + " does not exist");
        }
        boolean existed = Files.exists(absolute);
        try {
            Files.newOutputStream(absolute, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
            if (!existed) {
                Files.delete(absolute);
            }
        } catch (IOException | SecurityException e) {
            throw new UsageException(option + " " + report + " cannot be written ("
                    + (Files.exists(absolute) ? "no permission to write the file" : "no permission to write in "
                    + folder) + ")");
        }
    }

    /** Writes {@code report} as indented JSON; a failure is an environment problem (the disk, say). */
    public static void write(Path file, Object report) {
        try {
            Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new EnvironmentProblem("could not write the report " + file + ": " + e.getMessage());
        }
    }
}
