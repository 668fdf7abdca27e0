package dev.ssehub.http;

import dev.ssehub.auth.Claims;
import dev.ssehub.auth.InvalidTokenException;
import dev.ssehub.auth.KeysUnavailableException;
import dev.ssehub.auth.TokenVerifier;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;

/**
 * Finds and verifies the token of a request, in the spec's order: the {@code Authorization} header,
 * else the {@code authorization} query parameter, else the {@code mercureAuthorization} cookie.
 */
public final class RequestAuthorizer {

    static final String COOKIE = "mercureAuthorization";
    private static final String QUERY_PARAMETER = "authorization";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier publishers;
    private final TokenVerifier subscribers;
    private final boolean anonymousSubscribers;
    private final CorsPolicy cors;

    public RequestAuthorizer(TokenVerifier publishers, TokenVerifier subscribers, boolean anonymousSubscribers, CorsPolicy cors) {
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.anonymousSubscribers = anonymousSubscribers;
        this.cors = cors;
    }

    /** The publisher's claims; a missing or invalid token is a 401. */
    public Claims publisher(HttpHeaders headers, UriInfo uri) {
        PresentedToken token = find(headers, uri)
                .orElseThrow(() -> Problem.unauthorized("Authorization", "publishing needs a token with a mercure.publish claim"));
        if (token.fromCookie()) {
            requireSameOrListedOrigin(headers, uri);
        }
        return verify(publishers, token);
    }

    /** The subscriber's claims; anonymous when no token is presented and anonymous access is on. */
    public Claims subscriber(HttpHeaders headers, UriInfo uri) {
        Optional<PresentedToken> token = find(headers, uri);
        if (token.isEmpty()) {
            if (!anonymousSubscribers) {
                throw Problem.unauthorized("Authorization", "this hub requires a token to subscribe");
            }
            return Claims.ANONYMOUS;
        }
        return verify(subscribers, token.get());
    }

    /** The claims of a subscriber that must show a token whatever the anonymous setting: for the subscriptions API. */
    public Claims subscriberWithToken(HttpHeaders headers, UriInfo uri) {
        PresentedToken token = find(headers, uri)
                .orElseThrow(() -> Problem.unauthorized("Authorization", "the subscriptions API needs a token with a mercure.subscribe claim"));
        return verify(subscribers, token);
    }

    /**
     * A bad token is a 401 naming where it came from; a token whose keys cannot be read now is a
     * 503: a 401 would tell the client that its token is bad.
     */
    private static Claims verify(TokenVerifier verifier, PresentedToken token) {
        try {
            return verifier.verify(token.value());
        } catch (InvalidTokenException e) {
            throw Problem.unauthorized(token.source(), e.getMessage());
        } catch (KeysUnavailableException e) {
            throw Problem.unavailable(e.getMessage(), e.retryAfter());
        }
    }

    private static Optional<PresentedToken> find(HttpHeaders headers, UriInfo uri) {
        List<String> authorization = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isEmpty()) {
            if (authorization.size() > 1 || !authorization.get(0).startsWith(BEARER)) {
                throw Problem.unauthorized("Authorization", "expected a single 'Authorization: Bearer <token>' header");
            }
            return Optional.of(new PresentedToken(authorization.get(0).substring(BEARER.length()).trim(), "Authorization", false));
        }
        String query = uri.getQueryParameters().getFirst(QUERY_PARAMETER);
        if (query != null) {
            return Optional.of(new PresentedToken(query, QUERY_PARAMETER, false));
        }
        Cookie cookie = headers.getCookies().get(COOKIE);
        if (cookie != null) {
            return Optional.of(new PresentedToken(cookie.getValue(), COOKIE, true));
        }
        return Optional.empty();
    }

    /**
     * A browser attaches cookies to cross-site form posts, so a cookie may publish only from the
     * hub's own origin or a listed one (the spec's CSRF rule: check Origin, else Referer).
     */
    private void requireSameOrListedOrigin(HttpHeaders headers, UriInfo uri) {
        String origin = headers.getHeaderString("Origin");
        if (origin == null) {
            String referer = headers.getHeaderString("Referer");
            origin = referer == null ? null : CorsPolicy.originOf(referer);
        }
        if (origin == null) {
            throw Problem.forbidden("Origin", "a cookie token may publish only with an Origin or Referer header");
        }
        String own = CorsPolicy.originOf(uri.getBaseUri().toString());
        if (!origin.equalsIgnoreCase(own) && !cors.isListed(origin)) {
            throw Problem.forbidden("Origin", "a cookie token may not publish from origin '" + origin + "'");
        }
    }

    private record PresentedToken(String value, String source, boolean fromCookie) {
    }
}
