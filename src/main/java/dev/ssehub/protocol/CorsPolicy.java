package dev.ssehub.protocol;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The browser origins allowed to call the hub. Listed origins may send credentials (the
 * {@code mercureAuthorization} cookie); {@code *} admits any origin, without credentials.
 */
public final class CorsPolicy {

    private static final String ANY = "*";

    private final Set<String> listed;
    private final boolean any;

    public CorsPolicy(List<String> origins) {
        this.any = origins.contains(ANY);
        this.listed = origins.stream().filter(origin -> !ANY.equals(origin)).map(CorsPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin) {
        return any || isListed(origin);
    }

    public boolean isListed(String origin) {
        return origin != null && listed.contains(normalize(origin));
    }

    /**
     * The headers that let a browser page of this origin read the answer: the origin itself, with
     * credentials, when listed; {@code *} without them when any origin may; none otherwise.
     */
    public Map<String, String> responseHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin == null || !allows(origin)) {
            return headers;
        }
        if (isListed(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Credentials", "true");
        } else {
            headers.put("Access-Control-Allow-Origin", "*");
        }
        headers.put("Vary", "Origin");
        headers.put("Access-Control-Expose-Headers", "Last-Event-ID, Retry-After");
        return headers;
    }

    /** The origin part (scheme://host[:port]) of a URL such as a Referer, or null when it has none. */
    public static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
