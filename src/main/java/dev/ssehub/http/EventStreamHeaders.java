package dev.ssehub.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers of every event stream: no caching, no proxy buffering, and the {@code Last-Event-ID}
 * the spec asks for when a subscriber resumes.
 *
 * <p>JAX-RS gives an SSE resource no handle on its response headers, but both runtimes run response
 * filters on the request thread before the first byte goes out (Jersey when the method returns,
 * RESTEasy on the first send); the resource leaves the value here for that thread.
 */
@Provider
public final class EventStreamHeaders implements ContainerResponseFilter {

    private static final ThreadLocal<String> PRECEDING_EVENT_ID = new ThreadLocal<>();

    static void precedingEventId(String id) {
        PRECEDING_EVENT_ID.set(id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Cache-Control", "no-cache, no-store, must-revalidate");
        headers.putSingle("X-Accel-Buffering", "no");
        String precedingId = PRECEDING_EVENT_ID.get();
        PRECEDING_EVENT_ID.remove();
        if (precedingId != null) {
            headers.putSingle("Last-Event-ID", precedingId);
        }
    }
}
