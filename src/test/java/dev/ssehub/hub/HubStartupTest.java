package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.Claims;
import dev.ssehub.log.EventLog;
import dev.ssehub.log.History;
import dev.ssehub.log.LogFollower;
import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.log.MemoryEventLog;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.testing.RecordingChannel;
import dev.ssehub.topic.SelectorSet;
import dev.ssehub.update.Update;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A hub that starts on a log being written at that moment, as a Redis log is by its tail thread
 * and by other hubs: an update appended while the hub takes its place must reach a subscriber
 * joining right after, once, whether by replay or live.
 */
class HubStartupTest {

    private static final Pattern IDS = Pattern.compile("^id: (.*)$", Pattern.MULTILINE);

    @Test
    void anUpdateAppendedWhileTheHubStartsIsNeitherMissedNorDoubled() throws Exception {
        try (EventLog log = new AppendingWhileFollowed(new MemoryEventLog(100, Duration.ofHours(1)));
             Hub hub = new Hub(log, Duration.ofSeconds(30), 0, Duration.ZERO, SubscriberObserver.NONE)) {
            Thread.sleep(300);
            RecordingChannel channel = new RecordingChannel();
            Subscription subscription = hub.subscribe(new SubscribeRequest(SelectorSet.of("t"), Claims.ANONYMOUS, History.EARLIEST), channel);
            subscription.start(new StreamHead(Map.of()));
            hub.publish(update("after-start"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ids(channel.written()).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertThat(ids(channel.written())).containsExactly("during-start", "after-start");
        }
    }

    private static List<String> ids(String written) {
        Matcher matcher = IDS.matcher(written);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static Update update(String id) {
        return new Update(id, List.of("t"), id, false, null, null);
    }

    /** A real log that, like one another thread is appending to, takes an update while it is being followed. */
    private record AppendingWhileFollowed(EventLog log) implements EventLog {

        @Override
        public void follow(LogFollower follower) {
            log.follow(follower);
            Thread appender = new Thread(() -> log.append(update("during-start")));
            appender.start();
            try {
                appender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public LoggedUpdate append(Update update) {
            return log.append(update);
        }

        @Override
        public History after(String lastEventId, long through) {
            return log.after(lastEventId, through);
        }

        @Override
        public String newestId() {
            return log.newestId();
        }

        @Override
        public int retainedCount() {
            return log.retainedCount();
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
