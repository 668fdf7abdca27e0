package dev.ssehub.jaxrs;

import dev.ssehub.stream.StreamHead;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives an event stream the headers the hub decided for it ({@link StreamHead}): no caching, no
 * proxy buffering, the {@code Last-Event-ID} the spec asks for, CORS.
 *
 * <p>JAX-RS gives an SSE resource no handle on its response headers, but both runtimes run response
 * filters on the request thread before the first byte goes out (Jersey when the method returns,
 * RESTEasy on the first send, which the hub makes on that thread); the channel leaves the head here
 * for that thread.
 */
@Provider
public final class EventStreamHeaders implements ContainerResponseFilter {

    private static final ThreadLocal<StreamHead> HEAD = new ThreadLocal<>();

    static void forThisThread(StreamHead head) {
        HEAD.set(head);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        StreamHead head = HEAD.get();
        HEAD.remove();
        if (head == null || !MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        head.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                headers.putSingle(name, value);
            }
        });
    }
}
