package dev.ssehub.log;

import dev.ssehub.config.Settings.Fsync;
import dev.ssehub.update.Update;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The embedded durable log: records appended to segment files in a directory, replayed into memory
 * at start. A publish is acknowledged once its record is written and, under {@link Fsync#ALWAYS},
 * forced to disk. Whole segments are deleted once every update in them has left the history, so
 * trimming never rewrites data and never holds publishing up. A record torn by a crash is cut off
 * the tail at the next start.
 *
 * <p>Under {@link Fsync#ALWAYS} concurrent publishes share a force (group commit): each writes its
 * record in position order and waits; one of the waiters forces the segment for every record
 * written so far while the others keep writing, then the updates it covered go to the history and
 * the follower, in order, and their publishers are answered. An update is delivered and answered
 * only once it is on disk, as before; what a force that failed covered is cut off the segment and
 * refused.
 */
public final class FileEventLog extends RetainingEventLog {

    static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(FileEventLog.class.getName());
    private static final String SEGMENT_SUFFIX = ".log";

    private final Path directory;
    private final Fsync fsync;
    private final long segmentBytes;
    private final Clock clock;
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ScheduledExecutorService syncer;
    private FileChannel segment;
    /** Records written but not yet forced to disk, in position order (under {@link Fsync#ALWAYS}). */
    private final ArrayDeque<Unforced> unforced = new ArrayDeque<>();
    private final Map<String, Unforced> unforcedById = new HashMap<>();
    /** The position of the newest record written; ahead of the newest update kept while records wait for a force. */
    private long writtenThrough;
    /** The segment's size when it was last forced: what a failed force cuts it back to. */
    private long forcedBytes;
    /** True while a publisher forces the segment, outside the log's lock. */
    private boolean forcing;

    /** A record written and not yet on disk, and how its force ended. */
    private static final class Unforced {
        final LoggedUpdate logged;
        final long appendedAtMillis;
        boolean forced;
        LogUnavailableException failure;

        Unforced(LoggedUpdate logged, long appendedAtMillis) {
            this.logged = logged;
            this.appendedAtMillis = appendedAtMillis;
        }

        boolean settled() {
            return forced || failure != null;
        }
    }

    /** One force: the segment as it was when the force was taken on, and the newest record it covers. */
    private record Force(FileChannel segment, long throughPosition, long bytes) {
    }

    private FileEventLog(Path directory, int maxCount, Duration maxAge, Fsync fsync, long segmentBytes, Clock clock) throws IOException {
        super(new RetainedHistory(maxCount, maxAge, clock));
        this.directory = directory;
        this.fsync = fsync;
        this.segmentBytes = segmentBytes;
        this.clock = clock;
        Files.createDirectories(directory);
        this.lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = tryLock(lockChannel, directory);
        recover();
        this.writtenThrough = newest();
        this.forcedBytes = segment.size();
        this.syncer = fsync == Fsync.INTERVAL ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ssehub-log-sync");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (syncer != null) {
            syncer.scheduleWithFixedDelay(this::force, 1, 1, TimeUnit.SECONDS);
        }
    }

    public static FileEventLog open(Path directory, int maxCount, Duration maxAge, Fsync fsync) throws IOException {
        return new FileEventLog(directory, maxCount, maxAge, fsync, DEFAULT_SEGMENT_BYTES, Clock.systemUTC());
    }

    static FileEventLog open(Path directory, int maxCount, Duration maxAge, Fsync fsync, long segmentBytes, Clock clock) throws IOException {
        return new FileEventLog(directory, maxCount, maxAge, fsync, segmentBytes, clock);
    }

    @Override
    public LoggedUpdate append(Update update) {
        if (fsync != Fsync.ALWAYS) {
            return appendInOrder(update, clock.millis(), (logged, appendedAt) -> write(RecordCodec.encode(logged, appendedAt)));
        }
        Unforced mine;
        boolean duplicate;
        synchronized (this) {
            LoggedUpdate kept = history.alreadyLogged(update);
            if (kept != null) {
                return kept.asDuplicate();
            }
            mine = unforcedById.get(update.id());
            duplicate = mine != null;
            if (duplicate && !mine.logged.update().equals(update)) {
                throw new DuplicateIdException(update.id());
            }
            if (!duplicate) {
                mine = writeUnforced(update);
            }
        }
        awaitForced(mine);
        return duplicate ? mine.logged.asDuplicate() : mine.logged;
    }

    /** Writes the update's record at the next position; it waits among the unforced ones for a force. */
    private Unforced writeUnforced(Update update) {
        long appendedAt = clock.millis();
        LoggedUpdate logged = new LoggedUpdate(writtenThrough + 1, update);
        write(RecordCodec.encode(logged, appendedAt));
        writtenThrough = logged.position();
        Unforced written = new Unforced(logged, appendedAt);
        unforced.addLast(written);
        unforcedById.put(update.id(), written);
        return written;
    }

    /**
     * Returns once the record is on disk, forcing the segment itself when no other publisher is:
     * one force covers every record written before it starts.
     *
     * @throws LogUnavailableException when the force that covered it failed
     */
    private void awaitForced(Unforced record) {
        while (true) {
            Force force;
            synchronized (this) {
                while (!record.settled() && forcing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new LogUnavailableException("interrupted while the update was being written to " + directory, e);
                    }
                }
                if (record.forced) {
                    return;
                }
                if (record.failure != null) {
                    throw record.failure;
                }
                forcing = true;
                try {
                    force = new Force(segment, writtenThrough, segment.size());
                } catch (IOException e) {
                    forcing = false;
                    failUnforced(e);
                    notifyAll();
                    throw record.failure;
                }
            }
            IOException failure = null;
            try {
                force.segment().force(false);
            } catch (IOException e) {
                failure = e;
            }
            synchronized (this) {
                forcing = false;
                boolean rolled = force.segment() != segment;
                if (failure == null || rolled) {
                    if (!rolled) {
                        forcedBytes = force.bytes();
                    }
                    keepForcedThrough(force.throughPosition());
                } else {
                    failUnforced(failure);
                }
                notifyAll();
            }
        }
    }

    /** The forced records go to the history and the follower, in position order; call with the lock held. */
    private void keepForcedThrough(long position) {
        while (!unforced.isEmpty() && unforced.peekFirst().logged.position() <= position) {
            Unforced forced = unforced.removeFirst();
            unforcedById.remove(forced.logged.update().id());
            record(forced.logged, forced.appendedAtMillis);
            forced.forced = true;
        }
    }

    /**
     * A force that failed leaves every record written since the last good one in doubt: they are cut
     * off the segment, so none stands in the log once a later record is forced, and refused; call
     * with the lock held.
     */
    private void failUnforced(IOException cause) {
        if (unforced.isEmpty()) {
            return;
        }
        LogUnavailableException failure = new LogUnavailableException(
                "the update could not be forced to disk in " + directory + ": " + cause.getMessage(), cause);
        undoPartialWrite(forcedBytes);
        for (Unforced record : unforced) {
            record.failure = failure;
        }
        unforced.clear();
        unforcedById.clear();
        writtenThrough = newest();
    }

    @Override
    public boolean isReady() {
        return segment.isOpen() && Files.isWritable(directory);
    }

    /** A stat per segment: segments are large, so there are few. */
    @Override
    public synchronized OptionalLong storedBytes() {
        long bytes = 0;
        try {
            for (Path file : segments.values()) {
                bytes += Files.size(file);
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes);
    }

    @Override
    public synchronized void close() {
        if (syncer != null) {
            syncer.shutdownNow();
        }
        try {
            segment.force(false);
            keepForcedThrough(writtenThrough);
            notifyAll();
            segment.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warning("event=log_close_failed directory=" + directory + " error=" + e);
        }
    }

    private void write(ByteBuffer record) {
        long sizeBefore = -1;
        try {
            sizeBefore = segment.size();
            if (sizeBefore > 0 && sizeBefore + record.remaining() > segmentBytes) {
                roll();
                sizeBefore = 0;
            }
            while (record.hasRemaining()) {
                segment.write(record);
            }
        } catch (IOException e) {
            undoPartialWrite(sizeBefore);
            throw new LogUnavailableException("the update could not be written to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A record half written would stand in the middle of the log once the next one succeeds. */
    private void undoPartialWrite(long sizeBefore) {
        if (sizeBefore < 0) {
            return;
        }
        try {
            segment.truncate(sizeBefore);
        } catch (IOException e) {
            LOG.severe("event=log_undo_failed directory=" + directory + " error=" + e);
        }
    }

    private synchronized void force() {
        try {
            segment.force(false);
        } catch (IOException e) {
            LOG.warning("event=log_sync_failed directory=" + directory + " error=" + e);
        }
    }

    /**
     * Starts the next segment. The records waiting for a force are in this one, which is forced and
     * closed here, so they are on disk; a force another publisher runs on it meanwhile may then fail
     * on the closed segment, and is taken as done.
     */
    private void roll() throws IOException {
        segment.force(false);
        keepForcedThrough(writtenThrough);
        notifyAll();
        segment.close();
        long first = newest() + 1;
        Path next = directory.resolve(String.format("%020d%s", first, SEGMENT_SUFFIX));
        segment = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.put(first, next);
        forcedBytes = 0;
        deleteSegmentsOutsideHistory();
    }

    /** A segment can go when the next one starts at or before the oldest update still kept. */
    private void deleteSegmentsOutsideHistory() throws IOException {
        long oldestKept = history.oldestPosition(newest());
        while (segments.size() > 1) {
            Map.Entry<Long, Path> first = segments.firstEntry();
            Long nextStart = segments.higherKey(first.getKey());
            if (nextStart > oldestKept) {
                return;
            }
            Files.deleteIfExists(first.getValue());
            segments.remove(first.getKey());
        }
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().matches("\\d{20}\\" + SEGMENT_SUFFIX))
                    .forEach(file -> segments.put(Long.parseLong(file.getFileName().toString().substring(0, 20)), file));
        }
        if (!segments.isEmpty()) {
            // Older segments may have been deleted: positions continue from the first one kept.
            continueAfter(segments.firstKey() - 1);
        }
        for (Map.Entry<Long, Path> entry : segments.entrySet()) {
            boolean last = entry.getKey().equals(segments.lastKey());
            replay(entry.getValue(), last);
        }
        if (segments.isEmpty()) {
            Path first = directory.resolve(String.format("%020d%s", 1L, SEGMENT_SUFFIX));
            segments.put(1L, first);
        }
        segment = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        deleteSegmentsOutsideHistory();
        LOG.info("event=log_opened directory=" + directory + " segments=" + segments.size() + " newest_position=" + newest());
    }

    private void replay(Path file, boolean tail) throws IOException {
        byte[] content = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.remaining() > 0) {
            int start = buffer.position();
            RecordCodec.Decoded decoded = next(buffer);
            if (decoded == null || decoded.logged().position() != newest() + 1) {
                if (!tail) {
                    throw new IOException("segment " + file + " is damaged at byte " + start + " and is not the last one; "
                            + "move it and the segments after it away to start from what comes before");
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(start);
                    channel.force(true);
                }
                LOG.warning("event=log_tail_repaired segment=" + file + " kept_bytes=" + start + " dropped_bytes=" + (content.length - start));
                return;
            }
            record(decoded.logged(), decoded.appendedAtMillis());
        }
    }

    /** The next whole, intact record, or null where the bytes are torn or damaged. */
    private static RecordCodec.Decoded next(ByteBuffer buffer) {
        if (buffer.remaining() < RecordCodec.HEADER_BYTES) {
            return null;
        }
        int length = buffer.getInt();
        int checksum = buffer.getInt();
        if (length <= 0 || length > RecordCodec.MAX_PAYLOAD_BYTES || length > buffer.remaining()) {
            return null;
        }
        if (RecordCodec.checksum(buffer.array(), buffer.position(), length) != checksum) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.wrap(buffer.array(), buffer.position(), length).slice();
        buffer.position(buffer.position() + length);
        try {
            return RecordCodec.decode(payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("another hub is using " + directory);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new IOException("another hub in this process is using " + directory, e);
        }
    }
}
