package dev.ssehub.http;

import dev.ssehub.protocol.CorsPolicy;
import dev.ssehub.protocol.Refusal;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Answers preflights and marks responses to allowed browser origins, from the configured allow-list. */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ORIGIN = "Origin";
    private static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID, Cache-Control";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    private static final Set<String> PREFLIGHT_METHODS = Set.of("GET", "HEAD", "POST");
    private static final Set<String> PREFLIGHT_HEADERS = Arrays.stream(ALLOWED_HEADERS.split(","))
            .map(header -> header.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
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
                && request.getHeaderString(REQUEST_METHOD) != null;
        if (!preflight) {
            return;
        }
        if (!policy.allows(origin)) {
            request.abortWith(Problem.response(Refusal.forbidden(ORIGIN, "origin '" + origin + "' is not allowed")));
            return;
        }
        // A browser would refuse these answers anyway; saying so plainly tells the developer why.
        String method = request.getHeaderString(REQUEST_METHOD).trim();
        if (!PREFLIGHT_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            request.abortWith(Problem.response(Refusal.forbidden(REQUEST_METHOD, "method '" + method + "' is not allowed; use GET or POST")));
            return;
        }
        String headers = request.getHeaderString(REQUEST_HEADERS);
        for (String header : headers == null ? new String[0] : headers.split(",")) {
            String name = header.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !PREFLIGHT_HEADERS.contains(name)) {
                request.abortWith(Problem.response(Refusal.forbidden(REQUEST_HEADERS, "header '" + name + "' is not allowed; allowed: " + ALLOWED_HEADERS)));
                return;
            }
        }
        Response.ResponseBuilder allowed = Response.noContent()
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
        request.abortWith(allowed.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        policy.responseHeaders(request.getHeaderString(ORIGIN)).forEach(headers::putSingle);
    }
}
