package dev.ssehub.protocol;

import dev.ssehub.auth.Claims;
import dev.ssehub.auth.InvalidTokenException;
import dev.ssehub.auth.KeysUnavailableException;
import dev.ssehub.auth.TokenVerifier;
import java.util.List;
import java.util.Optional;

/**
 * Finds and verifies the token of a request, in the spec's order: the {@code Authorization} header,
 * else the {@code authorization} query parameter, else the {@code mercureAuthorization} cookie.
 */
public final class RequestAuthorizer {

    public static final String COOKIE = "mercureAuthorization";
    private static final String AUTHORIZATION = "Authorization";
    public static final String QUERY_PARAMETER = "authorization";
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
    public Claims publisher(RequestView request) {
        PresentedToken token = find(request)
                .orElseThrow(() -> Refusal.unauthorized(AUTHORIZATION, "publishing needs a token with a mercure.publish claim"));
        if (token.fromCookie()) {
            requireSameOrListedOrigin(request);
        }
        return verify(publishers, token);
    }

    /** The subscriber's claims; anonymous when no token is presented and anonymous access is on. */
    public Claims subscriber(RequestView request) {
        Optional<PresentedToken> token = find(request);
        if (token.isEmpty()) {
            if (!anonymousSubscribers) {
                throw Refusal.unauthorized(AUTHORIZATION, "this hub requires a token to subscribe");
            }
            return Claims.ANONYMOUS;
        }
        return verify(subscribers, token.get());
    }

    /** The claims of a subscriber that must show a token whatever the anonymous setting: for the subscriptions API. */
    public Claims subscriberWithToken(RequestView request) {
        PresentedToken token = find(request)
                .orElseThrow(() -> Refusal.unauthorized(AUTHORIZATION, "the subscriptions API needs a token with a mercure.subscribe claim"));
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
            throw Refusal.unauthorized(token.source(), e.getMessage());
        } catch (KeysUnavailableException e) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            throw Refusal.of(503, null, e.getMessage()).header("Retry-After", Long.toString(seconds));
        }
    }

    private static Optional<PresentedToken> find(RequestView request) {
        List<String> authorization = request.headers(AUTHORIZATION);
        if (!authorization.isEmpty()) {
            if (authorization.size() > 1 || !authorization.get(0).startsWith(BEARER)) {
                throw Refusal.unauthorized(AUTHORIZATION, "expected a single 'Authorization: Bearer <token>' header");
            }
            return Optional.of(new PresentedToken(authorization.get(0).substring(BEARER.length()).trim(), AUTHORIZATION, false));
        }
        List<String> query = request.queryParameters(QUERY_PARAMETER);
        if (!query.isEmpty()) {
            return Optional.of(new PresentedToken(query.get(0), QUERY_PARAMETER, false));
        }
        String cookie = request.cookie(COOKIE);
        if (cookie != null) {
            return Optional.of(new PresentedToken(cookie, COOKIE, true));
        }
        return Optional.empty();
    }

    /**
     * A browser attaches cookies to cross-site form posts, so a cookie may publish only from the
     * hub's own origin or a listed one (the spec's CSRF rule: check Origin, else Referer).
     */
    private void requireSameOrListedOrigin(RequestView request) {
        String origin = request.header("Origin");
        if (origin == null) {
            String referer = request.header("Referer");
            origin = referer == null ? null : CorsPolicy.originOf(referer);
        }
        if (origin == null) {
            throw Refusal.forbidden("Origin", "a cookie token may publish only with an Origin or Referer header");
        }
        if (!origin.equalsIgnoreCase(request.ownOrigin()) && !cors.isListed(origin)) {
            throw Refusal.forbidden("Origin", "a cookie token may not publish from origin '" + origin + "'");
        }
    }

    private record PresentedToken(String value, String source, boolean fromCookie) {
    }
}
