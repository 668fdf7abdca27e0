package dev.ssehub.servlet;

import dev.ssehub.protocol.Cookies;
import dev.ssehub.protocol.RequestView;
import dev.ssehub.protocol.UrlEncoded;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A request as the servlet container holds it, read as the hub reads every request. The query and
 * cookies are decoded by the hub's own rules, not the container's, so a subscription means the same
 * on every runtime.
 */
final class ServletRequestView implements RequestView {

    private final HttpServletRequest request;
    private Map<String, List<String>> query;

    ServletRequestView(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public List<String> queryParameters(String name) {
        if (query == null) {
            query = UrlEncoded.decode(request.getQueryString(), "query");
        }
        return query.getOrDefault(name, List.of());
    }

    @Override
    public String cookie(String name) {
        return Cookies.value(headers("Cookie"), name);
    }

    @Override
    public String ownOrigin() {
        boolean defaultPort = request.getServerPort() == ("https".equals(request.getScheme()) ? 443 : 80);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + request.getServerPort());
    }
}
