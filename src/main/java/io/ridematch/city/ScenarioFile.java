package io.ridematch.city;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ridematch.json.Json;
import io.ridematch.platform.core.payment.PaymentFaults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Reads a scenario from a YAML file, or by name from the scenarios bundled in the jar ({@code small-town},
 * {@code new-york}). Any problem becomes an {@link InvalidScenario} whose message names the file and field.
 */
public final class ScenarioFile {

    private static final YAMLMapper YAML = yamlMapper();

    private ScenarioFile() {
    }

    public static Scenario load(String pathOrName) {
        Path path = Path.of(pathOrName);
        try {
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    return parse(in, pathOrName);
                }
            }
            String bundled = "/scenarios/" + pathOrName.replaceAll("\\.ya?ml$", "") + ".yaml";
            try (InputStream in = ScenarioFile.class.getResourceAsStream(bundled)) {
                if (in == null || pathOrName.contains("/")) {
                    throw new InvalidScenario("scenario " + pathOrName + ": no such file (bundled scenarios: "
                            + "small-town, new-york)");
                }
                return parse(in, pathOrName);
            }
        } catch (IOException e) {
            throw new InvalidScenario("scenario " + pathOrName + ": cannot read it: " + e.getMessage());
        }
    }

    private static Scenario parse(InputStream in, String source) throws IOException {
        try {
            Scenario scenario = YAML.readValue(in, Scenario.class);
            if (scenario == null) {
                throw new InvalidScenario("scenario " + source + ": the file is empty");
            }
            return scenario;
        } catch (UnrecognizedPropertyException e) {
            if (location(e).equals("matching.declineProbability")) {
                throw new InvalidScenario("scenario " + source + ": matching.declineProbability is now "
                        + "supply.declineProbability (how often a driver declines is the drivers' behaviour, not the "
                        + "platform's)" + lineAndColumn(e));
            }
            throw new InvalidScenario("scenario " + source + ": unknown field '" + e.getPropertyName() + "' at "
                    + location(e) + lineAndColumn(e));
        } catch (InvalidFormatException e) {
            throw new InvalidScenario("scenario " + source + ": " + location(e) + ": '" + e.getValue() + "' is not "
                    + kindOf(e.getTargetType()) + lineAndColumn(e));
        } catch (MismatchedInputException e) {
            throw new InvalidScenario("scenario " + source + ": " + location(e) + ": expected "
                    + kindOf(e.getTargetType()) + lineAndColumn(e));
        } catch (JsonMappingException e) {
            Throwable cause = rootCause(e);
            String problem = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : "a value that cannot be used";
            String where = e.getPath().isEmpty() ? "" : " (at " + location(e) + ")";
            throw new InvalidScenario("scenario " + source + ": " + firstLine(problem) + where + lineAndColumn(e));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidScenario("scenario " + source + ": not valid YAML" + lineAndColumn(e));
        }
    }

    private static String location(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "top level" : path;
    }

    /** Where the parser was, in the file's own lines and columns. */
    private static String lineAndColumn(com.fasterxml.jackson.core.JacksonException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** A value's expected kind in words, never a Java class name. */
    private static String kindOf(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.LocalTime.class) {
            return "a time of day (HH:MM)";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == String.class) {
            return "a text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section of fields";
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String text) {
        return text == null ? "invalid" : text.lines().findFirst().orElse(text);
    }

    private static YAMLMapper yamlMapper() {
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return DurationText.parse(p.getValueAsString());
            }
        });
        durations.addDeserializer(PaymentFaults.Outage.class, new JsonDeserializer<>() {
            @Override
            public PaymentFaults.Outage deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return DurationText.parseOutage(p.getValueAsString());
            }
        });
        YAMLMapper mapper = Json.configure(new YAMLMapper());
        // 12.5 drivers is a mistake, not 12
        mapper.disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(durations);
        return mapper;
    }

    /** A scenario that cannot be used; the message is one line for the user. */
    public static final class InvalidScenario extends RuntimeException {
        public InvalidScenario(String message) {
            super(message);
        }
    }
}
