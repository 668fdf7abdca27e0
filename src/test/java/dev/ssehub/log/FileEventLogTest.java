package dev.ssehub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.config.Settings.Fsync;
import dev.ssehub.update.Update;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventLogTest {

    @TempDir
    Path directory;

    private final TestClock clock = new TestClock();

    @Test
    void aReopenedLogHasItsHistoryAndContinuesItsPositions() throws IOException {
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            log.append(update("a", "first\nline"));
            log.append(new Update("b", List.of("t", "alt"), "Grüße 🚀", true, "note", 2500L));
        }
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            assertThat(FollowedLog.of(log).startedAfter()).isEqualTo(2);
            History history = log.after(History.EARLIEST, Long.MAX_VALUE);
            assertThat(history.updates()).extracting(LoggedUpdate::position).containsExactly(1L, 2L);
            assertThat(history.updates().get(1).update()).isEqualTo(new Update("b", List.of("t", "alt"), "Grüße 🚀", true, "note", 2500L));
            assertThat(log.append(update("a", "first\nline")).position()).isEqualTo(1);
            assertThat(log.append(update("c", "")).position()).isEqualTo(3);
        }
    }

    @Test
    void aTornOrDamagedTailIsCutOffAndTheLogGoesOn() throws IOException {
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            log.append(update("a", "kept"));
            log.append(update("b", "torn by the crash"));
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (var channel = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }
        Files.write(segment, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            assertThat(ids(log.after(History.EARLIEST, Long.MAX_VALUE))).containsExactly("a");
            assertThat(log.append(update("c", "after the repair")).position()).isEqualTo(2);
        }
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            assertThat(ids(log.after(History.EARLIEST, Long.MAX_VALUE))).containsExactly("a", "c");
        }
    }

    @Test
    void aBitFlipInTheTailIsCaughtByTheChecksum() throws IOException {
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            log.append(update("a", "kept"));
            log.append(update("b", "flipped"));
        }
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 2] ^= 0x10;
        Files.write(segment, bytes);
        try (FileEventLog log = open(100, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            assertThat(ids(log.after(History.EARLIEST, Long.MAX_VALUE))).containsExactly("a");
        }
    }

    @Test
    void segmentsWhoseUpdatesLeftTheHistoryAreDeleted() throws IOException {
        try (FileEventLog log = open(10, 300)) {
            for (int i = 0; i < 60; i++) {
                log.append(update("u" + i, "payload " + i));
            }
            assertThat(ids(log.after(History.EARLIEST, Long.MAX_VALUE))).hasSize(10).endsWith("u59");
            assertThat(log.storedBytes()).as("what the segments left on disk hold").hasValue(segmentBytes());
        }
        assertThat(segmentCount()).isBetween(2L, 10L);
        try (FileEventLog log = open(10, 300)) {
            assertThat(ids(log.after(History.EARLIEST, Long.MAX_VALUE))).hasSize(10).startsWith("u50").endsWith("u59");
        }
    }

    /**
     * Concurrent publishers share forces: every append still gets its own position, the follower
     * and the history see them in that order, a retry racing its first try is logged once, and
     * all of it is there after a reopen.
     */
    @Test
    void concurrentAppendsKeepOneOrderAndAreAllOnDiskAfterAReopen() throws Exception {
        int publishers = 16;
        int each = 100;
        List<Long> followed;
        try (FileEventLog log = open(10_000, 4096)) {
            FollowedLog follower = FollowedLog.of(log);
            ExecutorService pool = Executors.newFixedThreadPool(publishers);
            try {
                List<Future<List<LoggedUpdate>>> answers = new ArrayList<>();
                for (int p = 0; p < publishers; p++) {
                    int publisher = p;
                    answers.add(pool.submit(() -> {
                        List<LoggedUpdate> mine = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            mine.add(log.append(update("p" + publisher + "-" + i, "payload " + i)));
                            mine.add(log.append(update("shared-" + i, "same for everyone")));
                        }
                        return mine;
                    }));
                }
                Map<String, Long> positionById = new HashMap<>();
                int firstTries = 0;
                for (Future<List<LoggedUpdate>> answer : answers) {
                    for (LoggedUpdate logged : answer.get()) {
                        Long before = positionById.putIfAbsent(logged.update().id(), logged.position());
                        assertThat(before == null || before == logged.position()).as("one position per id").isTrue();
                        firstTries += logged.duplicate() ? 0 : 1;
                    }
                }
                int distinct = publishers * each + each;
                assertThat(positionById).hasSize(distinct);
                assertThat(firstTries).as("each id logged once").isEqualTo(distinct);
                assertThat(new HashSet<>(positionById.values())).hasSize(distinct).allMatch(position -> position >= 1 && position <= distinct);
            } finally {
                pool.shutdownNow();
            }
            followed = List.copyOf(follower.positions());
            assertThat(followed).isSorted().doesNotHaveDuplicates().hasSize(publishers * each + each);
            assertThat(positions(log.after(History.EARLIEST, Long.MAX_VALUE))).isEqualTo(followed);
        }
        assertThat(segmentCount()).as("segments rolled while publishers waited for forces").isGreaterThan(1);
        try (FileEventLog log = open(10_000, 4096)) {
            assertThat(positions(log.after(History.EARLIEST, Long.MAX_VALUE))).isEqualTo(followed);
        }
    }

    @Test
    void onlyOneHubAtATimeMayUseADirectory() throws IOException {
        try (FileEventLog log = open(10, FileEventLog.DEFAULT_SEGMENT_BYTES)) {
            assertThatThrownBy(() -> open(10, FileEventLog.DEFAULT_SEGMENT_BYTES)).isInstanceOf(IOException.class).hasMessageContaining("using");
        }
    }

    private FileEventLog open(int maxCount, long segmentBytes) throws IOException {
        return FileEventLog.open(directory, maxCount, Duration.ofHours(1), Fsync.ALWAYS, segmentBytes, clock);
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> segments = files.filter(file -> file.toString().endsWith(".log")).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".log")).count();
        }
    }

    private long segmentBytes() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path segment : files.filter(file -> file.toString().endsWith(".log")).toList()) {
                bytes += Files.size(segment);
            }
            return bytes;
        }
    }

    private static Update update(String id, String data) {
        return new Update(id, List.of("t"), data, false, null, null);
    }

    private static List<Long> positions(History history) {
        return history.updates().stream().map(LoggedUpdate::position).toList();
    }

    private static List<String> ids(History history) {
        return history.updates().stream().map(logged -> logged.update().id()).toList();
    }
}
