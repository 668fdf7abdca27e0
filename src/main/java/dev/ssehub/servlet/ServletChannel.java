package dev.ssehub.servlet;

import dev.ssehub.stream.StreamChannel;
import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.stream.WriteBatch;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An event stream written with Servlet 6 non-blocking output: each batch is one {@code write} and
 * one {@code flush}, each made only when {@code isReady()} says the container can take it, the rest
 * on the container's {@code onWritePossible}. The container frames the response (chunks on
 * HTTP/1.1, DATA frames on HTTP/2); the bytes in it are the hub's.
 *
 * <p>The hub writes from its threads and the container calls back from its own, so every method
 * holds this object's monitor; {@link StreamEvents} is told after it is let go.
 */
final class ServletChannel implements StreamChannel, WriteListener, AsyncListener {

    private static final Logger LOG = Logger.getLogger(ServletChannel.class.getName());

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private AsyncContext async;
    private ServletOutputStream out;
    private volatile StreamEvents events;
    /** The write in flight, until the container has taken its bytes. */
    private byte[] unwritten;
    private boolean unflushed;
    /** A write is in flight: the hub is told when it has gone out. */
    private boolean inFlight;
    private boolean ending;
    private boolean finished;

    ServletChannel(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    /** Runs on the request thread, in the filter: the response goes async here, with no timeout. */
    @Override
    public void start(StreamHead head, StreamEvents streamEvents) {
        synchronized (this) {
            this.events = streamEvents;
            response.setStatus(HttpServletResponse.SC_OK);
            head.headers().forEach(response::setHeader);
            try {
                async = request.startAsync();
                async.setTimeout(0);
                async.addListener(this);
                out = response.getOutputStream();
                out.setWriteListener(this);
            } catch (IOException | IllegalStateException e) {
                // A filter before this one that does not support async requests, say: the stream cannot be served.
                LOG.log(Level.SEVERE, "event=stream_not_started error=" + e, e);
                finished = true;
            }
        }
        if (isFinished()) {
            streamEvents.closed();
        }
    }

    @Override
    public void write(WriteBatch batch) {
        synchronized (this) {
            unwritten = batch.count() == 1 ? batch.frames()[0].bytes() : batch.toBytes();
            inFlight = true;
        }
        pump();
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void end() {
        synchronized (this) {
            ending = true;
        }
        pump();
    }

    /** Completing is all a servlet can do to end a response early; the container closes what it must. */
    @Override
    public void abort() {
        complete();
    }

    /** Moves what is pending as far as the container takes it now; the rest waits for {@link #onWritePossible()}. */
    private void pump() {
        boolean written = false;
        boolean failed = false;
        synchronized (this) {
            if (finished || out == null) {
                return;
            }
            try {
                while (out.isReady()) {
                    if (unwritten != null) {
                        out.write(unwritten);
                        unwritten = null;
                        unflushed = true;
                    } else if (unflushed) {
                        out.flush();
                        unflushed = false;
                    } else if (inFlight) {
                        inFlight = false;
                        written = true;
                    } else if (ending) {
                        finished = true;
                        async.complete();
                        break;
                    } else {
                        break;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                finished = true;
                failed = true;
            }
        }
        if (failed) {
            events.closed();
            complete();
        } else if (written) {
            events.writable();
        }
    }

    private void complete() {
        AsyncContext context;
        synchronized (this) {
            finished = true;
            context = async;
        }
        if (context == null) {
            return;
        }
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // Completed already, by the hub or by the container after an error.
        }
    }

    private synchronized boolean isFinished() {
        return finished;
    }

    @Override
    public void onError(Throwable failure) {
        closedByContainer();
    }

    @Override
    public void onError(AsyncEvent event) {
        closedByContainer();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        closedByContainer();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closedByContainer();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Never started again: each stream has one async context.
    }

    private void closedByContainer() {
        synchronized (this) {
            finished = true;
        }
        StreamEvents listener = events;
        if (listener != null) {
            listener.closed();
        }
    }
}
