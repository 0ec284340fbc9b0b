package io.ridematch.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable records between verticles of one process by reference. Nothing crosses a process on the
 * event bus: the Kafka bridge is how events leave the JVM.
 */
final class LocalCodec implements MessageCodec<Record, Record> {

    static final String NAME = "local-record";

    @Override
    public void encodeToWire(Buffer buffer, Record record) {
        throw new UnsupportedOperationException("records stay in this process; use the Kafka bridge across processes");
    }

    @Override
    public Record decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("records stay in this process");
    }

    @Override
    public Record transform(Record record) {
        return record;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
