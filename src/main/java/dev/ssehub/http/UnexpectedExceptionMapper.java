package dev.ssehub.http;

import dev.ssehub.hub.HubClosedException;
import dev.ssehub.log.LogUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The last line of defence: the client gets a problem, the log gets the stack trace. */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof HubClosedException) {
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE, null, "the hub is restarting; try again shortly")
                    .header("Retry-After", "1")
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
