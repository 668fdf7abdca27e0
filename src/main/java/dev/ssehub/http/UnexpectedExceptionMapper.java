package dev.ssehub.http;

import dev.ssehub.hub.HubClosedException;
import dev.ssehub.hub.SubscriberLimitException;
import dev.ssehub.log.LogUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers what the hub refuses for now (stopping, full, log unreachable) with 503 and a
 * {@code Retry-After}, and is the last line of defence for the rest: the client gets a problem,
 * the log gets the stack trace.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /** A full hub asks clients back after this many seconds, up to twice that, so they do not return all at once. */
    private static final int FULL_RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof HubClosedException) {
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE, null, "the hub is restarting; try again shortly")
                    .header("Retry-After", "1")
                    .build();
        }
        if (exception instanceof SubscriberLimitException) {
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE, null, exception.getMessage())
                    .header("Retry-After", FULL_RETRY_AFTER_SECONDS + ThreadLocalRandom.current().nextInt(FULL_RETRY_AFTER_SECONDS + 1))
                    .build();
        }
        if (exception instanceof LogUnavailableException) {
            LOG.warning("event=log_unavailable error=" + exception.getMessage());
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE, null, "the hub cannot store updates right now; try again shortly")
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.log(Level.SEVERE, "event=unexpected_error error=" + exception.getClass().getName(), exception);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, null, "the hub failed to serve this request").build();
    }
}
