package dev.ssehub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.update.Update;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryEventLogTest {

    private final TestClock clock = new TestClock();
    private final MemoryEventLog log = new MemoryEventLog(3, Duration.ofMinutes(10), clock);

    @Test
    void givesEveryUpdateTheNextPositionAndHandsItToTheFollowerInOrder() {
        FollowedLog followed = FollowedLog.of(log);
        assertThat(followed.startedAfter()).isZero();
        assertThat(log.append(update("a")).position()).isEqualTo(1);
        assertThat(log.append(update("b")).position()).isEqualTo(2);
        assertThat(followed.positions()).containsExactly(1L, 2L);
    }

    @Test
    void replaysAfterAKnownIdUpToTheGivenPosition() {
        append("a", "b", "c");
        History history = log.after("a", 2);
        assertThat(history.precedingId()).isEqualTo("a");
        assertThat(history.afterPosition()).isEqualTo(1);
        assertThat(ids(history)).containsExactly("b");
    }

    @Test
    void earliestUnknownAndEvictedIdsReplayWhatIsKept() {
        append("a", "b", "c", "d");
        for (String id : List.of(History.EARLIEST, "a", "never")) {
            History history = log.after(id, Long.MAX_VALUE);
            assertThat(history.precedingId()).isEqualTo(History.EARLIEST);
            assertThat(ids(history)).containsExactly("b", "c", "d");
        }
    }

    @Test
    void anIdAlreadyLoggedIsNotAppendedTwice() {
        log.append(update("a"));
        assertThat(log.append(update("a")).position()).isEqualTo(1);
        assertThatThrownBy(() -> log.append(new Update("a", List.of("t"), "other", false, null, null)))
                .isInstanceOf(DuplicateIdException.class);
        assertThat(ids(log.after(History.EARLIEST, 10))).containsExactly("a");
    }

    @Test
    void anEvictedIdMayBePublishedAgain() {
        append("a", "b", "c", "d");
        assertThat(log.append(new Update("a", List.of("t"), "again", false, null, null)).position()).isEqualTo(5);
    }

    @Test
    void updatesOlderThanTheMaximumAgeAreNoLongerReplayed() {
        append("a", "b");
        clock.advance(Duration.ofMinutes(9));
        append("c");
        clock.advance(Duration.ofMinutes(2));
        History history = log.after("a", 10);
        assertThat(history.precedingId()).isEqualTo(History.EARLIEST);
        assertThat(ids(history)).containsExactly("c");
    }

    private void append(String... ids) {
        for (String id : ids) {
            log.append(update(id));
        }
    }

    private static Update update(String id) {
        return new Update(id, List.of("t"), "data " + id, false, null, null);
    }

    private static List<String> ids(History history) {
        return history.updates().stream().map(logged -> logged.update().id()).toList();
    }
}
