package dev.ssehub.http;

import dev.ssehub.protocol.AccessLog;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the {@link AccessLog} line of every request JAX-RS serves: the duration runs until the
 * answer starts, and an event stream is logged once it is accepted, its replay included.
 */
@Provider
@PreMatching
public final class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestLog.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!AccessLog.enabled()) {
            return;
        }
        long started = request.getProperty(STARTED) instanceof Long at ? at : System.nanoTime();
        boolean stream = HttpMethod.GET.equals(request.getMethod()) && MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType());
        AccessLog.request(request.getMethod(), rawPath(request.getUriInfo()), response.getStatus(), started, stream);
    }

    /**
     * RESTEasy builds the request URI only when asked, and a path holding bytes no URI may hold
     * (broken UTF-8 read as Latin-1 control characters) then fails; its path string is still there.
     */
    private static String rawPath(UriInfo uri) {
        try {
            return uri.getRequestUri().getRawPath();
        } catch (IllegalArgumentException notAUri) {
            String path = uri.getPath(false);
            return path.startsWith("/") ? path : "/" + path;
        }
    }
}
