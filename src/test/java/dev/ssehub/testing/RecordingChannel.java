package dev.ssehub.testing;

import dev.ssehub.stream.StreamChannel;
import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for a runtime adapter where the hub core is tested without a server: keeps what it is
 * told, and completes each write at once or when the test says.
 */
public final class RecordingChannel implements StreamChannel {

    public final List<String> writes = new CopyOnWriteArrayList<>();
    public volatile StreamHead head;
    public volatile StreamEvents events;
    public volatile boolean completeAtOnce = true;
    public volatile boolean ended;
    public volatile int aborted;

    @Override
    public void start(StreamHead streamHead, StreamEvents streamEvents) {
        this.head = streamHead;
        this.events = streamEvents;
    }

    @Override
    public void write(WriteBatch batch) {
        writes.add(new String(batch.toBytes(), StandardCharsets.UTF_8));
        if (completeAtOnce) {
            events.writable();
        }
    }

    /** Completes the write in flight. */
    public void complete() {
        events.writable();
    }

    /** Everything written so far, as one text. */
    public String written() {
        return String.join("", writes);
    }

    @Override
    public void end() {
        ended = true;
    }

    @Override
    public void abort() {
        aborted++;
    }
}
