package dev.ssehub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.hub.Hub;
import dev.ssehub.hub.SubscriberObserver;
import dev.ssehub.log.EventLog;
import dev.ssehub.log.RedisEventLog;
import dev.ssehub.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on a real Redis that goes away for a while, as under {@code make cluster}. */
class DemoPublishersTest {

    @TempDir
    Path directory;

    @Test
    void theDemoResumesByItselfOnceTheLogIsBackAndLogsTheOutageOnce() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger demoLog = Logger.getLogger(DemoPublishers.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level levelBefore = demoLog.getLevel();
        demoLog.setLevel(Level.INFO);
        demoLog.addHandler(capture);
        try (RedisServer redis = RedisServer.start(directory);
             EventLog log = RedisEventLog.open(redis.uri(), 1000, Duration.ofHours(1));
             Hub hub = new Hub(log, Duration.ofSeconds(30), 0, Duration.ZERO, SubscriberObserver.NONE);
             DemoPublishers demo = new DemoPublishers(hub)) {
            demo.start();
            String beforeOutage = awaitNewId(log, "earliest", Duration.ofSeconds(5));

            redis.stop();
            Thread.sleep(2500);
            redis.start();

            awaitNewId(log, beforeOutage, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.stream().noneMatch(DemoPublishersTest::resumed) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(records).as("the end of the outage is logged").anyMatch(DemoPublishersTest::resumed);
            String afterRecovery = log.newestId();
            assertThat(awaitNewId(log, afterRecovery, Duration.ofSeconds(5))).as("it keeps publishing").isNotEqualTo(afterRecovery);
        } finally {
            demoLog.removeHandler(capture);
            demoLog.setLevel(levelBefore);
        }
        assertThat(records).filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .as("one line for the outage, not one a tick: %s", records.stream().map(LogRecord::getMessage).toList())
                .hasSize(1);
    }

    private static boolean resumed(LogRecord record) {
        return record.getMessage().startsWith("event=demo_resumed");
    }

    private static String awaitNewId(EventLog log, String previous, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (log.newestId().equals(previous)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new update in the log within " + within + " after " + previous);
            }
            Thread.sleep(20);
        }
        return log.newestId();
    }
}
