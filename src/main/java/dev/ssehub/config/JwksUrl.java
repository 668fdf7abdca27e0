package dev.ssehub.config;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a JWK set is read: an {@code https:} or {@code http:} URL, or a {@code file:} path. Its query
 * may carry a credential, so it is shown, logged and reported without its query and user info.
 */
public record JwksUrl(URI uri) {

    private static final String FILE = "file:";

    /** The URL a setting gives; a relative {@code file:} path is resolved against the working directory. */
    static JwksUrl parse(Setting setting, String value) {
        String scheme = value.contains(":") ? value.substring(0, value.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        try {
            return switch (scheme) {
                case "https", "http" -> web(setting, new URI(value));
                case "file" -> new JwksUrl(file(setting, value).toUri());
                default -> throw new InvalidSettingException(setting, "a JWK set URL starts with https:, http: or file:");
            };
        } catch (URISyntaxException | InvalidPathException e) {
            // The value may hold a credential: it is not repeated.
            throw new InvalidSettingException(setting, "not a valid " + scheme + ": URL");
        }
    }

    private static JwksUrl web(Setting setting, URI uri) {
        if (uri.getHost() == null) {
            throw new InvalidSettingException(setting, "the " + uri.getScheme() + ": URL names no host");
        }
        return new JwksUrl(uri);
    }

    /** {@code file:/path}, {@code file:///path}, {@code file://localhost/path} or {@code file:relative/path}; no other host. */
    private static Path file(Setting setting, String value) throws URISyntaxException {
        String path;
        if (value.regionMatches(true, 0, "file://", 0, 7)) {
            URI uri = new URI(value);
            boolean local = uri.getHost() == null || uri.getHost().equalsIgnoreCase("localhost");
            path = local && uri.getPath() != null ? uri.getPath() : "";
        } else {
            path = value.substring(FILE.length());
        }
        if (path.isEmpty()) {
            throw new InvalidSettingException(setting, "a file: URL names a local path, e.g. file:///etc/ssehub/jwks.json");
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    public URL toUrl() {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a checked JWK set URL does not convert: " + redacted(), e);
        }
    }

    /** The URL without its query, fragment and user info: safe for logs and probes. */
    public String redacted() {
        if (uri.isOpaque() || uri.getScheme() == null) {
            return uri.getScheme() + ":";
        }
        StringBuilder text = new StringBuilder(uri.getScheme()).append(':');
        if (uri.getHost() != null) {
            text.append("//").append(uri.getHost());
            if (uri.getPort() != -1) {
                text.append(':').append(uri.getPort());
            }
        }
        text.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        return text.toString();
    }

    /** The text with every occurrence of this URL, and of its query and user info, replaced by the redacted URL. */
    public String redact(String text) {
        String redacted = text.replace(uri.toString(), redacted());
        for (String secret : new String[] {uri.getRawQuery(), uri.getRawUserInfo(), uri.getRawFragment()}) {
            if (secret != null && !secret.isEmpty()) {
                redacted = redacted.replace(secret, "…");
            }
        }
        return redacted;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
