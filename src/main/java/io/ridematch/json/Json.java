package io.ridematch.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The one JSON mapping of the project: camelCase fields, RFC 3339 times, money amounts as decimal strings
 * ({@code "12.40"}), enums in kebab case ({@code rider-timeout}). Everything that writes or reads JSON uses it.
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the project's conventions to a mapper (JSON here, YAML for scenario files). */
    public static <M extends ObjectMapper> M configure(M mapper) {
        SimpleModule conventions = new SimpleModule("ridematch");
        conventions.addSerializer(BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(value.toPlainString());
            }
        });
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum<?>> enumType = (Class) Enum.class;
        conventions.addSerializer(enumType, new JsonSerializer<>() {
            @Override
            public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(kebab(value));
            }
        });
        conventions.addKeySerializer(enumType, new JsonSerializer<>() {
            @Override
            public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeFieldName(kebab(value));
            }
        });
        // the two types every location report carries, written without Jackson's reflective bean and time writers
        // (the same text those write: the contract's tests read it back)
        conventions.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(InstantText.of(value));
            }
        });
        conventions.addSerializer(LatLng.class, new JsonSerializer<>() {
            @Override
            public void serialize(LatLng value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeStartObject();
                gen.writeNumberField("lat", value.lat());
                gen.writeNumberField("lng", value.lng());
                gen.writeEndObject();
            }
        });
        // and read back without DateTimeFormatter's parse context where the text is in the form written above
        conventions.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    Instant at = InstantText.parse(parser.getText());
                    if (at != null) {
                        return at;
                    }
                }
                return InstantDeserializer.INSTANT.deserialize(parser, context);
            }
        });
        conventions.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new KebabEnumDeserializer(type.getRawClass());
            }
        });
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(conventions);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // every location report carries two doubles: the same (correctly rounded) values, without the JDK parser's
        // big-number arithmetic
        mapper.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }

    /** Reads {@code rider-timeout} back into {@code RIDER_TIMEOUT}, naming the allowed values when it cannot. */
    private static final class KebabEnumDeserializer extends JsonDeserializer<Enum<?>> {
        private final Class<?> type;

        KebabEnumDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            for (Object constant : type.getEnumConstants()) {
                if (kebab((Enum<?>) constant).equals(text)) {
                    return (Enum<?>) constant;
                }
            }
            return (Enum<?>) ctxt.handleWeirdStringValue(type, text, "not one of %s",
                    java.util.Arrays.stream(type.getEnumConstants()).map(c -> kebab((Enum<?>) c)).toList());
        }
    }

    public static String kebab(Enum<?> value) {
        return value.name().toLowerCase().replace('_', '-');
    }

    public static byte[] write(Object value) {
        if (value instanceof DriverLocationUpdated report) {
            byte[] json = ReportJson.write(report);
            if (json != null) {
                return json;
            }
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
