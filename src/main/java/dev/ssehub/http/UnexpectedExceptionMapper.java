package dev.ssehub.http;

import dev.ssehub.log.LogUnavailableException;
import dev.ssehub.protocol.Refusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
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

    @Override
    public Response toResponse(Throwable exception) {
        Optional<Refusal> unavailable = Refusal.forUnavailable(exception);
        if (unavailable.isPresent()) {
            if (exception instanceof LogUnavailableException) {
                LOG.warning("event=log_unavailable error=" + exception.getMessage());
            }
            return Problem.response(unavailable.get());
        }
        LOG.log(Level.SEVERE, "event=unexpected_error error=" + exception.getClass().getName(), exception);
        return Problem.response(Refusal.of(500, null, "the hub failed to serve this request"));
    }
}
