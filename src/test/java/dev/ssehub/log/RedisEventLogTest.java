package dev.ssehub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.testing.RedisServer;
import dev.ssehub.update.Update;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two logs on one real Redis stand for two hubs sharing it. */
class RedisEventLogTest {

    @TempDir
    Path directory;

    private RedisServer redis;
    private RedisClient raw;
    private StatefulRedisConnection<String, String> inspect;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(directory);
        raw = RedisClient.create(redis.uri());
        inspect = raw.connect();
    }

    @AfterEach
    void stopRedis() throws Exception {
        inspect.close();
        raw.shutdown();
        redis.close();
    }

    /**
     * A publisher's retry that reaches two hubs at the same instant must be stored once, answered
     * with the same id by both, and counted as accepted by one and as a duplicate by the other.
     */
    @Test
    void aRetryReachingTwoHubsAtOnceIsStoredOnce() throws Exception {
        int retries = 100;
        try (RedisEventLog a = RedisEventLog.open(redis.uri(), 10_000, Duration.ofHours(1));
             RedisEventLog b = RedisEventLog.open(redis.uri(), 10_000, Duration.ofHours(1))) {
            ExecutorService twoPublishers = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < retries; i++) {
                    Update update = update("retried-" + i, "same content " + i);
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<LoggedUpdate> viaA = twoPublishers.submit(() -> {
                        together.await();
                        return a.append(update);
                    });
                    Future<LoggedUpdate> viaB = twoPublishers.submit(() -> {
                        together.await();
                        return b.append(update);
                    });
                    LoggedUpdate answerA = viaA.get();
                    LoggedUpdate answerB = viaB.get();
                    assertThat(answerA.update().id()).isEqualTo(update.id());
                    assertThat(answerB.update().id()).isEqualTo(update.id());
                    assertThat(List.of(answerA.duplicate(), answerB.duplicate())).as("retry %d", i).containsExactlyInAnyOrder(false, true);
                }
            } finally {
                twoPublishers.shutdownNow();
            }
        }
        Map<String, Long> stored = streamIds().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(stored).hasSize(retries).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    @Test
    void theSameIdWithOtherContentIsAConflictOnEveryHub() {
        try (RedisEventLog a = RedisEventLog.open(redis.uri(), 10_000, Duration.ofHours(1));
             RedisEventLog b = RedisEventLog.open(redis.uri(), 10_000, Duration.ofHours(1))) {
            a.append(update("taken", "first"));
            assertThatThrownBy(() -> b.append(update("taken", "second"))).isInstanceOf(DuplicateIdException.class);
            assertThat(b.append(update("taken", "first")).duplicate()).isTrue();
        }
        assertThat(streamIds()).containsExactly("taken");
    }

    /** The stream holds what the hubs replay: by age as well as by count, so a hub started later reads only that. */
    @Test
    void theStreamIsTrimmedByAgeAsWellAsByCount() throws Exception {
        try (RedisEventLog a = RedisEventLog.open(redis.uri(), 10_000, Duration.ofSeconds(1))) {
            for (int i = 0; i < 5; i++) {
                a.append(update("old-" + i, "old"));
            }
            Thread.sleep(1200);
            a.append(update("new", "new"));
            assertThat(streamIds()).containsExactly("new");
        }
        try (RedisEventLog later = RedisEventLog.open(redis.uri(), 10_000, Duration.ofSeconds(1))) {
            assertThat(later.after(History.EARLIEST, Long.MAX_VALUE).updates()).extracting(logged -> logged.update().id())
                    .containsExactly("new");
        }
    }

    private List<String> streamIds() {
        List<String> ids = new ArrayList<>();
        for (StreamMessage<String, String> message : inspect.sync().xrange(RedisEventLog.STREAM, Range.create("-", "+"))) {
            ids.add(message.getBody().get("id"));
        }
        return ids;
    }

    private static Update update(String id, String data) {
        return new Update(id, List.of("t"), data, false, null, null);
    }
}
