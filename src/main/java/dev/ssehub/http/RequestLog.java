package dev.ssehub.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request on its own logger, {@code dev.ssehub.http.RequestLog}, so operators can
 * turn it off alone. It names the path but never the query, which may carry a token (the
 * {@code authorization} parameter), and no header, so no cookie or Authorization value. The
 * duration runs until the answer starts; an event stream is logged once it is accepted, its replay
 * included. The client's address is left out: JAX-RS has no portable way to read it.
 */
@Provider
@PreMatching
public final class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());
    private static final String STARTED = RequestLog.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        StringBuilder line = new StringBuilder("event=request method=").append(request.getMethod())
                .append(" path=").append(request.getUriInfo().getRequestUri().getRawPath())
                .append(" status=").append(response.getStatus());
        if (request.getProperty(STARTED) instanceof Long started) {
            line.append(" duration_ms=").append((System.nanoTime() - started) / 1_000_000);
        }
        if (HttpMethod.GET.equals(request.getMethod()) && MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())) {
            line.append(" stream=accepted");
        }
        LOG.info(line.toString());
    }
}
