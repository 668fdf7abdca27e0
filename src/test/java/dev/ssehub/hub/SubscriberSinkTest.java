package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.http.EventStreamWriterTest;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The sink wrapper against a recording stand-in for the runtime's sink, which writes nothing anywhere. */
class SubscriberSinkTest {

    private final RecordingRuntimeSink runtime = new RecordingRuntimeSink();
    private final List<Throwable> failures = new ArrayList<>();
    private final SubscriberSink sink = new SubscriberSink(runtime, failures::add);

    @Test
    void aBroadcastNothingFollowsYetIsWrittenAsItself() {
        Broadcast only = linked(1, 1, "x").get(0);

        sink.send(only);

        assertThat(runtime.sent).containsExactly(only.event());
        assertThat(sink.written()).isEqualTo(1);
    }

    @Test
    void aMemberThatIsBehindWritesEverythingAfterItsPlaceInOneGoAndSkipsItLater() {
        List<Broadcast> queued = linked(5, 4, "update");

        sink.send(queued.get(1));
        for (Broadcast later : queued.subList(2, 4)) {
            sink.send(later);
        }

        assertThat(runtime.sent).hasSize(1);
        assertThat(runtime.wire(0)).isEqualTo(frames(queued.subList(1, 4)));
        assertThat(sink.written()).isEqualTo(3);
        assertThat(failures).isEmpty();
    }

    @Test
    void aWriteCarriesAtMostTheBatchLimitAndTheRestFollowsInOrder() {
        String third = "x".repeat(SubscriberSink.MAX_BATCH_BYTES / 3);
        List<Broadcast> queued = linked(1, 7, third);

        queued.forEach(sink::send);

        assertThat(runtime.sent).hasSize(4);
        assertThat(String.join("", runtime.wire(0), runtime.wire(1), runtime.wire(2), runtime.wire(3))).isEqualTo(frames(queued));
        assertThat(sink.written()).isEqualTo(7);
    }

    @Test
    void anEventLargerThanTheLimitStillGoesAlone() {
        List<Broadcast> queued = linked(1, 2, "y".repeat(SubscriberSink.MAX_BATCH_BYTES + 1));

        queued.forEach(sink::send);

        assertThat(runtime.sent).containsExactly(queued.get(0).event(), queued.get(1).event());
    }

    @Test
    void plainEventsAreWrittenOneByOne() {
        FramedEvent first = FramedEvent.data(null, "urn:1", null, "a");
        FramedEvent second = FramedEvent.data(null, "urn:2", null, "b");

        sink.send(first);
        sink.send(second);

        assertThat(runtime.sent).containsExactly(first, second);
        assertThat(sink.written()).isEqualTo(2);
    }

    /** {@code count} broadcasts numbered from {@code first}, each linked to the next. */
    private static List<Broadcast> linked(long first, int count, String data) {
        List<Broadcast> broadcasts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Broadcast broadcast = new Broadcast(first + i, FramedEvent.data(null, "urn:" + (first + i), null, data));
            if (i > 0) {
                broadcasts.get(i - 1).link(broadcast);
            }
            broadcasts.add(broadcast);
        }
        return broadcasts;
    }

    private static String frames(List<Broadcast> broadcasts) {
        StringBuilder text = new StringBuilder();
        broadcasts.forEach(broadcast -> text.append(new String(broadcast.event().frameBytes(), StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static final class RecordingRuntimeSink implements SseEventSink {

        final List<OutboundSseEvent> sent = new ArrayList<>();

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        }

        /** What the hub's writer puts on the wire for the {@code index}th send. */
        String wire(int index) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                EventStreamWriterTest.write(sent.get(index), out);
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
