package dev.ssehub.grizzly;

import dev.ssehub.protocol.Cookies;
import dev.ssehub.protocol.RequestView;
import dev.ssehub.protocol.UrlEncoded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * A stream request copied out of Grizzly's request packet on the selector thread, so that the
 * packet, its header buffers and the codec's state can be let go before the request is served on a
 * worker thread. The query is decoded when first asked for, by the thread that serves it.
 */
final class GrizzlyRequest implements RequestView {

    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final String ownOrigin;
    private Map<String, List<String>> query;

    private GrizzlyRequest(String rawPath, String rawQuery, Map<String, List<String>> headers, String ownOrigin) {
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.ownOrigin = ownOrigin;
    }

    static GrizzlyRequest of(HttpRequestPacket request) {
        MimeHeaders mime = request.getHeaders();
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < mime.size(); i++) {
            String name = mime.getName(i).toString().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, ignored -> new ArrayList<>(1)).add(mime.getValue(i).toString());
        }
        String host = mime.getHeader("Host");
        String origin = (request.isSecure() ? "https://" : "http://") + (host == null ? "" : host.trim().toLowerCase(Locale.ROOT));
        return new GrizzlyRequest(request.getRequestURI(), request.getQueryString(), headers, origin);
    }

    String rawPath() {
        return rawPath;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> queryParameters(String name) {
        if (query == null) {
            query = UrlEncoded.decode(rawQuery, "query");
        }
        return query.getOrDefault(name, List.of());
    }

    @Override
    public String cookie(String name) {
        return Cookies.value(headers("Cookie"), name);
    }

    @Override
    public String ownOrigin() {
        return ownOrigin;
    }
}
