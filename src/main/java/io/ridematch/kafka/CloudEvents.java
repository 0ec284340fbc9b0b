package io.ridematch.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverOffer;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.WorldSettled;
import io.ridematch.json.EventTypes;
import io.ridematch.json.InstantText;
import io.ridematch.json.Json;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The CloudEvents 1.0 Kafka protocol binding, binary mode: the event's JSON is the record value, its metadata
 * goes in {@code ce_*} headers, the key is the ride or driver id. The only place that maps events to and from
 * Kafka records.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String ERROR_HEADER = "ridematch_error";

    /** A record ready for a producer: its CloudEvents attributes as Kafka headers, already in bytes. */
    public record Outgoing(String topic, String key, Header[] kafkaHeaders, byte[] value) {

        /** A record with these headers, given as text. */
        public Outgoing(String topic, String key, Map<String, String> headers, byte[] value) {
            this(topic, key, headers.entrySet().stream().map(h -> new RecordHeader(h.getKey(),
                    h.getValue().getBytes(StandardCharsets.UTF_8))).toArray(Header[]::new), value);
        }

        /** The headers as text, by name, in order. */
        public Map<String, String> headers() {
            Map<String, String> text = new LinkedHashMap<>();
            for (Header header : kafkaHeaders) {
                text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            return text;
        }

        /** Bytes of the key, the value and the headers (names and values), uncompressed. */
        public long bytes() {
            long bytes = key.length() + value.length;
            for (Header header : kafkaHeaders) {
                bytes += header.key().length() + header.value().length;
            }
            return bytes;
        }
    }

    private CloudEvents() {
    }

    /**
     * Event ids: this process's random 64 bits, then a count. Unique across processes as random UUIDs are, with
     * no secure random draw per record (which took a lock and a system call for every location report).
     */
    private static final long PROCESS_BITS = new java.security.SecureRandom().nextLong();
    private static final java.util.concurrent.atomic.AtomicLong ISSUED = new java.util.concurrent.atomic.AtomicLong();

    /** A new event id, in the UUID text form (version 4 and variant bits set, as a random UUID has them). */
    static String newId() {
        return new String(newIdBytes(), StandardCharsets.US_ASCII);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** {@link #newId()} as the header's bytes, written without a UUID or a string in between. */
    static byte[] newIdBytes() {
        long high = PROCESS_BITS & ~0xF000L | 0x4000L;
        long low = ISSUED.incrementAndGet() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        byte[] text = new byte[36];
        hex(text, 0, high >>> 32, 8);
        text[8] = '-';
        hex(text, 9, high >>> 16, 4);
        text[13] = '-';
        hex(text, 14, high, 4);
        text[18] = '-';
        hex(text, 19, low >>> 48, 4);
        text[23] = '-';
        hex(text, 24, low, 12);
        return text;
    }

    /** The lowest {@code digits} hex digits of {@code bits}, most significant first, at {@code at}. */
    private static void hex(byte[] text, int at, long bits, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            text[at + i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }

    public static Outgoing encode(DomainEvent event, String source) {
        return record(event.subject(), event, event.occurredAt(), source);
    }

    /** A rider's command (request or cancel); the platform's own commands never leave its process. */
    public static Outgoing encode(RideCommand command, String source) {
        return record(command.rideId(), command, command.at(), source);
    }

    public static Outgoing encode(DriverOffer message, String source) {
        return record(message.driverId(), message, message.at(), source);
    }

    public static Outgoing encode(ClockTick tick, String source) {
        return record("clock", tick, tick.now(), source);
    }

    public static Outgoing encode(WorldSettled settled, String source) {
        return record("clock", settled, settled.now(), source);
    }

    private static Outgoing record(String key, Object body, Instant time, String source) {
        String topic = Topics.of(body);
        if (topic == null) {
            throw new IllegalArgumentException("no topic carries " + body.getClass().getSimpleName());
        }
        Header[] headers = {
            new RecordHeader("ce_specversion", SPEC_VERSION_BYTES),
            new RecordHeader("ce_id", newIdBytes()),
            new RecordHeader("ce_source", SOURCE_BYTES.of(source)),
            new RecordHeader("ce_type", TYPE_BYTES.get(body.getClass())),
            new RecordHeader("ce_time", TIME_BYTES.of(InstantText.of(time))),
            new RecordHeader("ce_subject", key.getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("content-type", JSON_BYTES)
        };
        return new Outgoing(topic, key, headers, Json.write(body));
    }

    private static final byte[] SPEC_VERSION_BYTES = SPEC_VERSION.getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON_BYTES = "application/json".getBytes(StandardCharsets.UTF_8);
    private static final ClassValue<byte[]> TYPE_BYTES = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
            return EventTypes.nameOfType(type).getBytes(StandardCharsets.UTF_8);
        }
    };

    /**
     * The bytes of the last text written: a process has one source, and a simulated second's records share their
     * time. Kafka's producer only reads a header's bytes, so records may share them.
     */
    private static final class LastBytes {
        private record Known(String text, byte[] bytes) {
        }

        private volatile Known last = new Known("", new byte[0]);

        byte[] of(String text) {
            Known known = last;
            if (known.text() != text && !known.text().equals(text)) {
                last = known = new Known(text, text.getBytes(StandardCharsets.UTF_8));
            }
            return known.bytes();
        }
    }

    private static final LastBytes SOURCE_BYTES = new LastBytes();
    private static final LastBytes TIME_BYTES = new LastBytes();

    /**
     * Events in the CloudEvents JSON batch format ({@code application/cloudevents-batch+json}): an array of
     * structured-mode events, the attributes beside {@code data}. What a snapshot record holds.
     */
    public static byte[] encodeBatch(List<? extends DomainEvent> events, String source) {
        ArrayNode batch = Json.mapper().createArrayNode();
        for (DomainEvent event : events) {
            ObjectNode structured = batch.addObject();
            structured.put("specversion", SPEC_VERSION);
            structured.put("id", newId());
            structured.put("source", source);
            structured.put("type", EventTypes.nameOf(event));
            structured.put("time", InstantText.of(event.occurredAt()));
            structured.put("subject", event.subject());
            structured.put("datacontenttype", "application/json");
            structured.set("data", Json.mapper().valueToTree(event));
        }
        return Json.write(batch);
    }

    /**
     * The events of a batch {@link #encodeBatch} wrote, each checked as a binary-mode record is.
     *
     * @throws Undecodable with a one-line reason, for anything that is not a batch of the contract's events
     */
    public static List<DomainEvent> decodeBatch(byte[] value) {
        JsonNode batch;
        try {
            batch = Json.mapper().readTree(value);
        } catch (Exception e) {
            throw new Undecodable("not a JSON batch of events: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (batch == null || !batch.isArray()) {
            throw new Undecodable("a batch of events is a JSON array");
        }
        List<DomainEvent> events = new ArrayList<>(batch.size());
        for (JsonNode structured : batch) {
            String type = structured.path("type").asText("");
            if (!SPEC_VERSION.equals(structured.path("specversion").asText())) {
                throw new Undecodable("specversion must be 1.0 in every event of a batch");
            }
            Class<?> target = EventTypes.typeNamed(type).filter(DomainEvent.class::isAssignableFrom)
                    .orElseThrow(() -> new Undecodable("no event type " + type + " in the contract"));
            try {
                Object decoded = Json.mapper().treeToValue(structured.path("data"), target);
                if (decoded == null) {
                    throw new Undecodable(type + ": data is missing");
                }
                checkFields(type, decoded);
                events.add((DomainEvent) decoded);
            } catch (Undecodable e) {
                throw e;
            } catch (Exception e) {
                throw new Undecodable(type + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("")));
            }
        }
        return events;
    }

    /**
     * The event or command in a record, from its {@code ce_type} header and JSON value.
     *
     * @throws Undecodable with a one-line reason, for anything that is not a valid record of the contract
     */
    public static Object decode(Map<String, byte[]> headers, byte[] value) {
        String spec = header(headers, "ce_specversion");
        if (!SPEC_VERSION.equals(spec)) {
            throw new Undecodable("ce_specversion must be 1.0, was " + spec);
        }
        String type = header(headers, "ce_type");
        Class<?> target = EventTypes.typeNamed(type == null ? "" : type)
                .orElseThrow(() -> new Undecodable("unknown ce_type " + type));
        if (value == null) {
            throw new Undecodable("record has no value");
        }
        try {
            Object decoded = Json.read(value, target);
            if (decoded == null) {
                throw new Undecodable("record value is JSON null");
            }
            checkFields(type, decoded);
            return decoded;
        } catch (Undecodable e) {
            throw e;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new Undecodable(type + ": " + reason);
        }
    }

    private static final ClassValue<RecordComponent[]> FIELDS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /** The longest id or text a record may carry. */
    static final int MAX_TEXT = 128;

    /**
     * Every field of the contract is required, and no text is longer than {@link #MAX_TEXT}: a record from Kafka is
     * untrusted input, and a missing field must not become a null deep inside a service.
     */
    private static void checkFields(String type, Object value) {
        for (RecordComponent field : FIELDS.get(value.getClass())) {
            Object fieldValue;
            try {
                fieldValue = field.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (fieldValue == null) {
                throw new Undecodable(type + ": field " + field.getName() + " is missing");
            }
            if (fieldValue instanceof String text && (text.length() > MAX_TEXT || text.isBlank())) {
                throw new Undecodable(type + ": field " + field.getName() + (text.isBlank() ? " is blank"
                        : " is longer than " + MAX_TEXT + " characters"));
            }
            if (fieldValue instanceof Record nested) {
                checkFields(type, nested);
            }
        }
    }

    public static String header(Map<String, byte[]> headers, String name) {
        byte[] raw = headers.get(name);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** A record that is not an event of the contract; it goes to the dead-letter topic. */
    public static final class Undecodable extends RuntimeException {
        public Undecodable(String message) {
            super(message, null, false, false);
        }
    }
}
