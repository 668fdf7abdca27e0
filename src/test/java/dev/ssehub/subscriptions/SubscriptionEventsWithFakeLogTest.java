package dev.ssehub.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.Claims;
import dev.ssehub.log.EventLog;
import dev.ssehub.log.LogFollower;
import dev.ssehub.log.History;
import dev.ssehub.log.LogUnavailableException;
import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.log.MemoryEventLog;
import dev.ssehub.topic.SelectorSet;
import dev.ssehub.update.Update;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SubscriptionEventsWithFakeLogTest {

    private static final Claims WITH_PAYLOAD = new Claims(SelectorSet.empty(), SelectorSet.empty(), Map.of("user", "u1"), Optional.empty());

    @Test
    void aSubscribersEndIsLoggedAfterItsStartAsOnePrivateUpdatePerSelector() throws Exception {
        MemoryEventLog log = new MemoryEventLog(100, Duration.ofHours(1));
        ActiveSubscriptions subscriptions = new ActiveSubscriptions(log);
        try (SubscriptionEvents events = new SubscriptionEvents(log, subscriptions)) {
            events.joined("urn:uuid:1", SelectorSet.of("b", "a"), WITH_PAYLOAD);
            assertThat(subscriptions.snapshot().subscriptions()).extracting(ActiveSubscription::selector).containsExactly("a", "b");
            events.left("urn:uuid:1");
            events.left("urn:uuid:never-joined");
            assertThat(subscriptions.snapshot().subscriptions()).isEmpty();
        }
        List<Update> logged = log.after(History.EARLIEST, Long.MAX_VALUE).updates().stream().map(LoggedUpdate::update).toList();
        assertThat(logged).hasSize(4).allSatisfy(update -> assertThat(update.isPrivate()).isTrue());
        List<JsonObject> documents = logged.stream().map(update -> Json.createReader(new StringReader(update.data())).readObject()).toList();
        assertThat(documents).extracting(document -> document.getString("topic")).containsExactly("a", "b", "a", "b");
        assertThat(documents).extracting(document -> document.getBoolean("active")).containsExactly(true, true, false, false);
        assertThat(documents).allSatisfy(document -> assertThat(document.getJsonObject("payload").getString("user")).isEqualTo("u1"));
        List<String> topics = List.of(idOf("a"), idOf("b"));
        assertThat(logged).extracting(Update::topics).containsExactly(topics.subList(0, 1), topics.subList(1, 2), topics.subList(0, 1), topics.subList(1, 2));
        assertThat(new ActiveSubscriptions(log).snapshot().lastEventId()).isEqualTo(logged.get(3).id());
    }

    @Test
    void aLogThatRefusesUpdatesLosesTheEventsButNeitherThrowsNorForgetsWhoIsThere() {
        EventLog refusing = new FakeLog(update -> {
            throw new LogUnavailableException("closed", null);
        });
        ActiveSubscriptions subscriptions = new ActiveSubscriptions(refusing);
        try (SubscriptionEvents events = new SubscriptionEvents(refusing, subscriptions)) {
            events.joined("urn:uuid:1", SelectorSet.of("a"), Claims.ANONYMOUS);
            assertThat(subscriptions.snapshot().subscriptions()).hasSize(1);
            events.left("urn:uuid:1");
            assertThat(subscriptions.snapshot().subscriptions()).isEmpty();
        }
    }

    @Test
    void closingDoesNotWaitLongForALogThatHangs() {
        CountDownLatch never = new CountDownLatch(1);
        EventLog hanging = new FakeLog(update -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        SubscriptionEvents events = new SubscriptionEvents(hanging, new ActiveSubscriptions(hanging));
        events.joined("urn:uuid:1", SelectorSet.of("a"), Claims.ANONYMOUS);
        long started = System.nanoTime();
        events.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        events.left("urn:uuid:1");
    }

    private static String idOf(String selector) {
        return new ActiveSubscription(selector, "urn:uuid:1", Optional.empty()).id();
    }

    /** A log whose appends do what the test says; nothing else is used. */
    private record FakeLog(Function<Update, LoggedUpdate> onAppend) implements EventLog {

        @Override
        public LoggedUpdate append(Update update) {
            return onAppend.apply(update);
        }

        @Override
        public void follow(LogFollower follower) {
            follower.startAfter(0);
        }

        @Override
        public History after(String lastEventId, long through) {
            return new History(History.EARLIEST, 0, List.of());
        }

        @Override
        public String newestId() {
            return History.EARLIEST;
        }

        @Override
        public int retainedCount() {
            return 0;
        }

        @Override
        public boolean isReady() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
