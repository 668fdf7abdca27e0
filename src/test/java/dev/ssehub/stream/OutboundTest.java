package dev.ssehub.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.RecordingChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbound queue against a channel that stands in for a runtime adapter and records what it is asked to do. */
class OutboundTest {

    private static final StreamHead HEAD = new StreamHead(Map.of("Content-Type", "text/event-stream"));
    private static final Frame OPENING = Frame.comment("");

    private final RecordingChannel channel = new RecordingChannel();
    private final ManualWriter writer = new ManualWriter();
    private final AtomicInteger clientGone = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private Outbound outbound = outbound(1024, 100);

    @Test
    void startWritesTheOpeningTheReplayAndWhatWasHeldInOneWriteOnTheCallersThread() {
        outbound.offer(11, update("live-11"));
        outbound.offer(12, update("live-12"));
        outbound.start(HEAD, OPENING, replay(update("old-1"), update("old-2")), 10);
        assertThat(channel.head).isEqualTo(HEAD);
        assertThat(channel.writes).containsExactly(text(OPENING, update("old-1"), update("old-2"), update("live-11"), update("live-12")));
        assertThat(writer.pending()).as("nothing left for the writer thread").isZero();
    }

    @Test
    void framesTheSubscriberAlreadyHasAreNotSentAgain() {
        outbound.offer(11, update("seen-11"));
        outbound.offer(12, update("new-12"));
        outbound.start(HEAD, OPENING, null, 11);
        assertThat(outbound.offer(11, update("seen-11-again"))).isEqualTo(Outbound.Offer.SKIPPED);
        assertThat(outbound.offer(13, update("new-13"))).isEqualTo(Outbound.Offer.QUEUED);
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING, update("new-12")), text(update("new-13")));
    }

    @Test
    void whileAWriteIsInFlightFramesQueueAndGoOutTogetherInTheNextWrite() {
        channel.completeAtOnce = false;
        outbound.start(HEAD, OPENING, null, 0);
        outbound.offer(1, update("a"));
        outbound.offer(2, update("b"));
        outbound.offer(Frame.comment("beat"));
        writer.runAll();
        assertThat(channel.writes).as("one write in flight at a time").hasSize(1);
        assertThat(outbound.writeWaitingNanos(System.nanoTime() + 5)).isPositive();
        channel.complete();
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING), text(update("a"), update("b"), Frame.comment("beat")));
        channel.complete();
        assertThat(outbound.writeWaitingNanos(System.nanoTime())).isZero();
    }

    @Test
    void aQueuePastItsBoundRefusesTheFrameButAnOversizedFrameStillGoesAlone() {
        outbound = outbound(100, 3);
        channel.completeAtOnce = false;
        outbound.start(HEAD, OPENING, null, 0);
        Frame big = Frame.data(null, null, null, "x".repeat(200));
        assertThat(outbound.offer(1, big)).as("alone in an empty queue").isEqualTo(Outbound.Offer.QUEUED);
        assertThat(outbound.offer(2, update("a"))).isEqualTo(Outbound.Offer.OVERFLOW);
        channel.complete();
        writer.runAll();
        for (int i = 0; i < 3; i++) {
            assertThat(outbound.offer(3 + i, Frame.comment(""))).isEqualTo(Outbound.Offer.QUEUED);
        }
        assertThat(outbound.offer(6, Frame.comment(""))).as("past the count").isEqualTo(Outbound.Offer.OVERFLOW);
    }

    @Test
    void aLongReplayGoesOutAWriteAtATime() {
        Frame kilobyte = Frame.data(null, null, null, "y".repeat(1000));
        List<Frame> history = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            history.add(kilobyte);
        }
        outbound.start(HEAD, OPENING, replay(history.toArray(Frame[]::new)), 0);
        writer.runAll();
        assertThat(channel.writes).hasSizeGreaterThan(2);
        assertThat(channel.writes).allSatisfy(write -> assertThat(write.length()).isLessThanOrEqualTo(Outbound.MAX_REPLAY_BYTES_PER_WRITE + kilobyte.size()));
        assertThat(String.join("", channel.writes)).isEqualTo(text(OPENING) + text(kilobyte).repeat(200));
    }

    @Test
    void endingAfterACutOffDropsWhatIsQueuedAndSendsTheNoticeOnceTheSocketTakesIt() {
        channel.completeAtOnce = false;
        outbound.start(HEAD, OPENING, null, 0);
        outbound.offer(1, update("dropped"));
        Frame notice = Frame.data("ssehub-reconnect", null, 1500L, "too slow");
        outbound.end(notice, true);
        assertThat(outbound.offer(2, update("late"))).isEqualTo(Outbound.Offer.CLOSED);
        channel.complete();
        writer.runAll();
        channel.complete();
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING), text(notice));
        assertThat(channel.ended).isTrue();
        assertThat(finished).hasValue(1);
        assertThat(clientGone).hasValue(0);
    }

    @Test
    void endingForADrainSendsWhatIsQueuedThenTheNotice() {
        outbound.start(HEAD, OPENING, null, 0);
        channel.completeAtOnce = false;
        outbound.offer(1, update("first"));
        writer.runAll();
        outbound.offer(2, update("kept"));
        Frame notice = Frame.data("ssehub-reconnect", null, 1500L, "hub restarting");
        outbound.end(notice, false);
        channel.complete();
        writer.runAll();
        channel.complete();
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING), text(update("first")), text(update("kept"), notice));
        assertThat(channel.ended).isTrue();
        assertThat(outbound.isFinished()).isTrue();
    }

    @Test
    void anEndAskedForWhileJoiningIsCarriedOutWhenTheStreamStarts() {
        outbound.offer(1, update("held"));
        Frame notice = Frame.data("ssehub-reconnect", null, 1500L, "hub restarting");
        outbound.end(notice, true);
        outbound.start(HEAD, OPENING, replay(update("old")), 0);
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING, notice));
        assertThat(channel.ended).isTrue();
        assertThat(finished).hasValue(1);
    }

    @Test
    void aClientThatLeftIsReportedOnceAndNothingMoreIsWritten() {
        outbound.start(HEAD, OPENING, null, 0);
        channel.events.closed();
        channel.events.closed();
        assertThat(clientGone).hasValue(1);
        assertThat(finished).hasValue(1);
        assertThat(outbound.offer(1, update("after"))).isEqualTo(Outbound.Offer.CLOSED);
        outbound.end(null, false);
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING));
        assertThat(channel.ended).isFalse();
    }

    @Test
    void abortClosesAtOnceWhateverIsInFlight() {
        channel.completeAtOnce = false;
        outbound.start(HEAD, OPENING, null, 0);
        outbound.offer(1, update("never"));
        outbound.abort();
        outbound.abort();
        assertThat(channel.aborted).isEqualTo(1);
        assertThat(finished).hasValue(1);
        channel.complete();
        writer.runAll();
        assertThat(channel.writes).containsExactly(text(OPENING));
    }

    private Outbound outbound(long maxBytes, int maxFrames) {
        return new Outbound(channel, writer, maxBytes, maxFrames, clientGone::incrementAndGet, finished::incrementAndGet);
    }

    private static Frame update(String id) {
        return Frame.data(null, id, null, "data of " + id);
    }

    private static ReplaySource replay(Frame... frames) {
        Iterator<Frame> next = List.of(frames).iterator();
        return () -> next.hasNext() ? next.next() : null;
    }

    private static String text(Frame... frames) {
        StringBuilder text = new StringBuilder();
        for (Frame frame : frames) {
            text.append(new String(frame.bytes(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** A writer thread the test runs by hand. */
    private static final class ManualWriter implements Executor {

        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int pending() {
            return tasks.size();
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }
}
