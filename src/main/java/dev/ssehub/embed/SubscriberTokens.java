package dev.ssehub.embed;

import dev.ssehub.RunningHub;
import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Mints subscriber tokens in the application that embeds the hub, for its own logged-in users:
 * HS256, signed with the subscribers' secret ({@code SSEHUB_SUBSCRIBER_JWT_KEY}, else
 * {@code SSEHUB_JWT_KEY}), granting only {@code mercure.subscribe}. Set one as the
 * {@code mercureAuthorization} cookie at login and the user's {@code EventSource} receives the
 * private updates those selectors match.
 */
@ApplicationScoped
public class SubscriberTokens {

    /** The cookie the hub reads a token from when a request carries no other (the spec's name). */
    public static final String COOKIE = "mercureAuthorization";

    private final Optional<TokenIssuer> issuer;
    private final String unavailable;

    /** With the class loader's shared hub's settings, as CDI makes it. */
    public SubscriberTokens() {
        this(RunningHub.shared().settings());
    }

    public SubscriberTokens(Settings settings) {
        if (settings.jwtIssuer().isPresent() || settings.jwtAudience().isPresent()) {
            this.issuer = Optional.empty();
            this.unavailable = "the hub checks iss or aud (SSEHUB_JWT_ISSUER, SSEHUB_JWT_AUDIENCE): mint subscriber tokens with your identity provider";
        } else {
            this.issuer = settings.subscriberSecret().map(TokenIssuer::new);
            this.unavailable = "minting needs an HMAC secret for subscribers (SSEHUB_SUBSCRIBER_JWT_KEY or SSEHUB_JWT_KEY) that HS256 may use";
        }
    }

    /**
     * A token that lets its bearer receive the private updates of topics the selectors match, until
     * it expires: the hub ends a subscription whose token expires, so give it the session's lifetime.
     *
     * @throws IllegalStateException when the hub's settings do not let it mint tokens its subscribers' side accepts
     */
    public String mint(Duration validFor, List<String> selectors) {
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("selectors: at least one is needed");
        }
        return issuer.orElseThrow(() -> new IllegalStateException(unavailable)).issue(List.of(), List.copyOf(selectors), validFor);
    }
}
