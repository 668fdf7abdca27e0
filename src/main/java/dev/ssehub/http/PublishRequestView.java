package dev.ssehub.http;

import dev.ssehub.protocol.CorsPolicy;
import dev.ssehub.protocol.RequestAuthorizer;
import dev.ssehub.protocol.RequestView;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * What authorizing a publish reads of a request, as the resource method's parameters bring it: the
 * three places a token can be and the two headers the cookie rule reads. A method parameter of
 * type {@code HttpHeaders} or {@code UriInfo} costs a lookup in the runtime's injection container on
 * every request; the hub's own origin, which only a cookie token needs, is read through the
 * resource's {@code UriInfo} then.
 */
final class PublishRequestView implements RequestView {

    static final String ORIGIN = "Origin";
    static final String REFERER = "Referer";

    private final List<String> authorization;
    private final List<String> queryToken;
    private final String cookieToken;
    private final String origin;
    private final String referer;
    private final UriInfo uri;

    PublishRequestView(List<String> authorization, List<String> queryToken, String cookieToken, String origin, String referer, UriInfo uri) {
        this.authorization = authorization == null ? List.of() : authorization;
        this.queryToken = queryToken == null ? List.of() : queryToken;
        this.cookieToken = cookieToken;
        this.origin = origin;
        this.referer = referer;
        this.uri = uri;
    }

    @Override
    public List<String> headers(String name) {
        if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
            return authorization;
        }
        if (ORIGIN.equalsIgnoreCase(name)) {
            return origin == null ? List.of() : List.of(origin);
        }
        if (REFERER.equalsIgnoreCase(name)) {
            return referer == null ? List.of() : List.of(referer);
        }
        throw new IllegalArgumentException("the publish endpoint does not read the header " + name);
    }

    @Override
    public List<String> queryParameters(String name) {
        if (!RequestAuthorizer.QUERY_PARAMETER.equals(name)) {
            throw new IllegalArgumentException("the publish endpoint does not read the query parameter " + name);
        }
        return queryToken;
    }

    @Override
    public String cookie(String name) {
        if (!RequestAuthorizer.COOKIE.equals(name)) {
            throw new IllegalArgumentException("the publish endpoint does not read the cookie " + name);
        }
        return cookieToken;
    }

    @Override
    public String ownOrigin() {
        return CorsPolicy.originOf(uri.getBaseUri().toString());
    }
}
