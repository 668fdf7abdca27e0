package dev.ssehub.http;

import dev.ssehub.protocol.CorsPolicy;
import dev.ssehub.protocol.RequestView;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** A request as JAX-RS injects it, seen as the hub reads every request. */
final class JaxRsRequest implements RequestView {

    private final UriInfo uri;
    private final HttpHeaders headers;

    JaxRsRequest(UriInfo uri, HttpHeaders headers) {
        this.uri = uri;
        this.headers = headers;
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = headers.getRequestHeader(name);
        return values == null ? List.of() : values;
    }

    @Override
    public List<String> queryParameters(String name) {
        List<String> values = uri.getQueryParameters().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public String cookie(String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public String ownOrigin() {
        return CorsPolicy.originOf(uri.getBaseUri().toString());
    }
}
