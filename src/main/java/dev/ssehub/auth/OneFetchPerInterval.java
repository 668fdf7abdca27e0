package dev.ssehub.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;

/**
 * Lets at most one fetch of a JWK set through per interval and refuses the others with Nimbus's
 * {@link RateLimitReachedException}, in the place of Nimbus's {@code RateLimitedJWKSetSource}: that
 * one lets two through per interval (one kept for a refresh ahead of expiry), so a flood of tokens
 * with unknown key ids would cost the provider two requests per interval instead of one.
 */
final class OneFetchPerInterval<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

    private final long intervalMillis;
    /** The first fetch may go at any time. */
    private long nextFetchAllowedAt = Long.MIN_VALUE;

    OneFetchPerInterval(JWKSetSource<C> source, Duration interval) {
        super(source);
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context) throws KeySourceException {
        if (!tryStartFetch(currentTime)) {
            throw new RateLimitReachedException();
        }
        return getSource().getJWKSet(refreshEvaluator, currentTime, context);
    }

    private synchronized boolean tryStartFetch(long now) {
        if (now < nextFetchAllowedAt) {
            return false;
        }
        nextFetchAllowedAt = now + intervalMillis;
        return true;
    }
}
