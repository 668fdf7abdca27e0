package dev.ssehub.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A subscriber's outbound queue: the frames waiting for its socket, measured in bytes, with at most
 * one write in flight. Whatever is queued when the channel can take more goes out in one write, so a
 * subscriber that falls behind catches up in a few large writes instead of falling further behind.
 *
 * <p>It starts <em>joining</em>: live frames are held with their log positions until the stream
 * starts, then it sends the opening comment, the replay, and the held and later frames, in that
 * order. The dispatcher offers frames, one writer thread flushes, and the channel reports from the
 * runtime's threads: every field is guarded by this object's monitor, and no callback into the
 * channel or the hub is made while it is held.
 */
public final class Outbound implements StreamEvents, Runnable {

    /** What became of an offered frame. */
    public enum Offer {
        /** Queued. */
        QUEUED,
        /** Not queued: the subscriber has it from its replay, or from before it resumed. */
        SKIPPED,
        /** Refused: the queue would pass its bound, the subscriber reads slower than updates arrive. */
        OVERFLOW,
        /** Refused: the stream is ending or has ended. */
        CLOSED
    }

    private enum State { JOINING, OPEN, ENDING, CLOSED }

    /** Replayed frames per write at most; live frames are bounded by the queue's own bound. */
    static final int MAX_REPLAY_BYTES_PER_WRITE = 64 * 1024;
    /** A queue that grew past this many slots in a burst is replaced once drained, so an idle stream stays small. */
    private static final int SMALL_QUEUE = 16;

    private record Held(long position, Frame frame) {
    }

    private final StreamChannel channel;
    private final Executor writer;
    private final long maxQueuedBytes;
    private final int maxQueuedFrames;
    private final Runnable onClientGone;
    private final Runnable onFinished;

    private State state = State.JOINING;
    private List<Held> held = new ArrayList<>(2);
    private ArrayDeque<Frame> queue = new ArrayDeque<>(2);
    private long queuedBytes;
    /** Live frames at or before this log position are already replayed, or were sent to the client elsewhere. */
    private long skipThrough;
    private Frame opening;
    private ReplaySource replay;
    private boolean scheduled;
    private boolean writing;
    private long writeStartedNanos;
    /** An end asked for while joining, carried out when the stream starts. */
    private Frame endNotice;
    private boolean endRequested;
    private boolean endDropsQueued;

    /**
     * @param channel        the adapter's channel for this stream
     * @param writer         the writer thread that flushes this stream
     * @param maxQueuedBytes  the bytes of live frames queued beyond the write in flight, at most; one
     *                        frame larger than this is still taken into an empty queue
     * @param maxQueuedFrames the live frames queued beyond the write in flight, at most
     * @param onClientGone   called once if the channel reports the connection gone
     * @param onFinished     called once when the stream is over, whichever way
     */
    public Outbound(StreamChannel channel, Executor writer, long maxQueuedBytes, int maxQueuedFrames, Runnable onClientGone, Runnable onFinished) {
        this.channel = channel;
        this.writer = writer;
        this.maxQueuedBytes = maxQueuedBytes;
        this.maxQueuedFrames = maxQueuedFrames;
        this.onClientGone = onClientGone;
        this.onFinished = onFinished;
    }

    /** Offers the frame of the update at this log position; called by the dispatcher, in position order. */
    public synchronized Offer offer(long position, Frame frame) {
        if (state == State.JOINING) {
            if (!endRequested) {
                held.add(new Held(position, frame));
            }
            return Offer.QUEUED;
        }
        if (state == State.OPEN && position <= skipThrough) {
            return Offer.SKIPPED;
        }
        return enqueue(frame);
    }

    /** Offers a frame that belongs to no log position, such as a heartbeat; ignored until the stream starts. */
    public synchronized Offer offer(Frame frame) {
        return state == State.JOINING ? Offer.QUEUED : enqueue(frame);
    }

    /** Call with the monitor held. Handing the writer a task calls back into nothing, so it is done here. */
    private Offer enqueue(Frame frame) {
        if (state != State.OPEN) {
            return Offer.CLOSED;
        }
        if (queuedBytes > 0 && queuedBytes + frame.size() > maxQueuedBytes || queue.size() >= maxQueuedFrames) {
            return Offer.OVERFLOW;
        }
        queue.addLast(frame);
        queuedBytes += frame.size();
        if (claimFlush()) {
            writer.execute(this);
        }
        return Offer.QUEUED;
    }

    /**
     * Starts the stream: the channel gets the head, and the first write (the opening frame, the
     * replay's first part and what was held) goes out on the calling thread.
     *
     * @param skipThrough held and later live frames up to this log position are not sent
     */
    public void start(StreamHead head, Frame openingFrame, ReplaySource replaySource, long skipThrough) {
        channel.start(head, this);
        synchronized (this) {
            if (state != State.JOINING) {
                return;
            }
            this.skipThrough = skipThrough;
            this.opening = openingFrame;
            if (endRequested && endDropsQueued) {
                held = null;
            } else {
                this.replay = replaySource;
                for (Held frame : held) {
                    if (frame.position() > skipThrough) {
                        queue.addLast(frame.frame());
                        queuedBytes += frame.frame().size();
                    }
                }
                held = null;
            }
            state = State.OPEN;
            if (endRequested) {
                state = State.ENDING;
                if (endNotice != null) {
                    queue.addLast(endNotice);
                }
            }
            scheduled = true;
        }
        run();
    }

    /**
     * Ends the stream: the notice (if any) goes out after what is queued, then the response ends.
     * With {@code dropQueued}, what is queued is dropped first: the subscriber will replay it. A
     * stream whose write never drains does not end by itself: its owner aborts it.
     */
    public synchronized void end(Frame notice, boolean dropQueued) {
        if (state == State.CLOSED || state == State.ENDING) {
            return;
        }
        if (state == State.JOINING) {
            endRequested = true;
            endNotice = notice;
            endDropsQueued = dropQueued;
            held.clear();
            return;
        }
        if (dropQueued) {
            queue.clear();
            queuedBytes = 0;
            replay = null;
        }
        if (notice != null) {
            queue.addLast(notice);
        }
        state = State.ENDING;
        if (claimFlush()) {
            writer.execute(this);
        }
    }

    /** True once the stream is over, whichever way. */
    public synchronized boolean isFinished() {
        return state == State.CLOSED;
    }

    /** Closes the connection now; nothing more is written. */
    public void abort() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            clear();
        }
        channel.abort();
        onFinished.run();
    }

    /** How long the write in flight has been waiting for the socket, or 0 when none is. */
    public synchronized long writeWaitingNanos(long nowNanos) {
        return writing ? nowNanos - writeStartedNanos : 0;
    }

    /** Flushes on the stream's writer thread: writes whatever is queued, one write at a time. */
    @Override
    public void run() {
        while (true) {
            WriteBatch batch;
            synchronized (this) {
                if (state == State.CLOSED || writing) {
                    scheduled = false;
                    return;
                }
                batch = takeBatch();
                if (batch == null) {
                    scheduled = false;
                    if (state != State.ENDING) {
                        return;
                    }
                    state = State.CLOSED;
                }
                if (batch != null) {
                    writing = true;
                    writeStartedNanos = System.nanoTime();
                }
            }
            if (batch == null) {
                channel.end();
                onFinished.run();
                return;
            }
            channel.write(batch);
            synchronized (this) {
                if (writing) {
                    // The socket is full: the channel reports when it drains, and that schedules the next write.
                    scheduled = false;
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void writable() {
        writing = false;
        boolean more = opening != null || replay != null || !queue.isEmpty() || state == State.ENDING;
        if (state != State.CLOSED && more && claimFlush()) {
            writer.execute(this);
        }
    }

    @Override
    public void closed() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            clear();
        }
        onClientGone.run();
        onFinished.run();
    }

    /** Call with the monitor held: true when no flush is scheduled or running yet, and now one is. */
    private boolean claimFlush() {
        if (scheduled || writing) {
            return false;
        }
        scheduled = true;
        return true;
    }

    private void clear() {
        state = State.CLOSED;
        held = null;
        queue.clear();
        queuedBytes = 0;
        replay = null;
        opening = null;
        writing = false;
    }

    /** The next write: the opening frame, then replayed frames up to a write's worth, then every queued frame. */
    private WriteBatch takeBatch() {
        Frame[] frames = new Frame[1 + queue.size()];
        int count = 0;
        int bytes = 0;
        if (opening != null) {
            frames[count++] = opening;
            bytes += opening.size();
            opening = null;
        }
        while (replay != null && bytes < MAX_REPLAY_BYTES_PER_WRITE) {
            Frame next = replay.next();
            if (next == null) {
                replay = null;
            } else {
                if (count == frames.length) {
                    frames = Arrays.copyOf(frames, frames.length * 2 + queue.size());
                }
                frames[count++] = next;
                bytes += next.size();
            }
        }
        if (replay == null && !queue.isEmpty()) {
            if (frames.length < count + queue.size()) {
                frames = Arrays.copyOf(frames, count + queue.size());
            }
            boolean grown = queue.size() > SMALL_QUEUE;
            Frame next;
            while ((next = queue.pollFirst()) != null) {
                frames[count++] = next;
                bytes += next.size();
            }
            queuedBytes = 0;
            if (grown) {
                queue = new ArrayDeque<>(2);
            }
        }
        return count == 0 ? null : new WriteBatch(frames, count, bytes);
    }
}
