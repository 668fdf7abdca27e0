package dev.ssehub.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Answers preflights and marks responses to allowed browser origins, from the configured allow-list. */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ORIGIN = "Origin";
    private static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID, Cache-Control";
    private static final String PREFLIGHT_MAX_AGE = "600";

    private final CorsPolicy policy;

    public CorsFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString(ORIGIN);
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod())
                && origin != null
                && request.getHeaderString("Access-Control-Request-Method") != null;
        if (!preflight) {
            return;
        }
        if (!policy.allows(origin)) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN, ORIGIN, "origin '" + origin + "' is not allowed").build());
            return;
        }
        Response.ResponseBuilder allowed = Response.noContent()
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
        request.abortWith(allowed.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString(ORIGIN);
        if (origin == null || !policy.allows(origin)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (policy.isListed(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
        } else {
            headers.putSingle("Access-Control-Allow-Origin", "*");
        }
        headers.add("Vary", ORIGIN);
        headers.putSingle("Access-Control-Expose-Headers", "Last-Event-ID, Retry-After");
    }
}
