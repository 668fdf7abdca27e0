package dev.ssehub.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWithHealthStatusReporting;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.health.HealthReport;
import com.nimbusds.jose.util.health.HealthStatus;
import dev.ssehub.config.JwksUrl;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The keys an identity provider publishes as a JWK set (RFC 7517), read through Nimbus's sources:
 * cached, read again when a token names a key id the cache lacks, so that keys the provider rotates
 * in are used without a restart, and kept while the provider cannot be reached. At most one read
 * goes out per refresh interval, so a flood of tokens with forged key ids is not a flood of
 * requests to the provider.
 */
public final class ProviderKeys implements JWKSource<SecurityContext> {

    private static final Logger LOG = Logger.getLogger(ProviderKeys.class.getName());
    /** How long a read set is used before it is read again, which drops the keys the provider withdrew. */
    static final Duration CACHE_LIFETIME = Duration.ofMinutes(5);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    /** How long a request waits for a read another request started. */
    private static final long WAIT_FOR_READ_MILLIS = CONNECT_TIMEOUT_MILLIS + READ_TIMEOUT_MILLIS + 1_000;
    /** Room for providers that put certificate chains in their keys. */
    private static final int SIZE_LIMIT_BYTES = 512 * 1024;
    private static final JWKSelector EVERY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

    /** How the last read of the set went. */
    public enum Reachability { NOT_READ, REACHABLE, UNREACHABLE }

    /** What {@code /readyz} says of a set: whether tokens can be verified, and if not, why. */
    public record Status(String url, boolean hasKeys, Reachability provider, Optional<String> error) {
    }

    private record LastRead(Reachability provider, Optional<String> error) {
    }

    /** The keys a token needs cannot be read now; carries when to ask again. */
    static final class Unavailable extends JWKSetUnavailableException {

        private final Duration retryAfter;

        private Unavailable(Duration retryAfter) {
            super("the identity provider's keys cannot be read right now");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    private final JwksUrl url;
    private final Duration refreshInterval;
    private final Duration cacheLifetime;
    private final JWKSource<SecurityContext> keys;
    private volatile LastRead lastRead = new LastRead(Reachability.NOT_READ, Optional.empty());
    /** When the set was last read from the provider, by the clock Nimbus's cache goes by; 0 before the first read. */
    private volatile long lastReadMillis;

    ProviderKeys(JwksUrl url, Duration refreshInterval, Duration cacheLifetime) {
        this.url = url;
        this.refreshInterval = refreshInterval;
        this.cacheLifetime = cacheLifetime;
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, SIZE_LIMIT_BYTES, true, jvmTrustStore());
        JWKSetSource<SecurityContext> read = new URLBasedJWKSetSource<>(url.toUrl(), retriever);
        JWKSetSource<SecurityContext> watched = new JWKSetSourceWithHealthStatusReporting<>(read, this::recordRead);
        JWKSetSource<SecurityContext> keptThroughOutages = new OutageTolerantJWKSetSource<>(watched, Long.MAX_VALUE, null);
        JWKSetSource<SecurityContext> limited = new OneFetchPerInterval<>(keptThroughOutages, refreshInterval);
        JWKSetSource<SecurityContext> cached = new CachingJWKSetSource<>(limited, cacheLifetime.toMillis(), WAIT_FOR_READ_MILLIS, null);
        this.keys = new JWKSetBasedJWKSource<>(cached);
    }

    /** The provider's keys, read once now so that the start-up log says whether they can be had. */
    public static ProviderKeys open(JwksUrl url, Duration refreshInterval) {
        ProviderKeys keys = new ProviderKeys(url, refreshInterval, CACHE_LIFETIME);
        keys.status();
        return keys;
    }

    /**
     * The keys the selector picks. None, when the set was read within the interval and lacks them;
     * {@link Unavailable} when the provider cannot be reached and the cached set, if any, lacks
     * them: the token may be good, so it must not be refused as bad.
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        List<JWK> found;
        try {
            found = keys.get(selector, context);
        } catch (RateLimitReachedException e) {
            if (lastRead.provider() == Reachability.REACHABLE) {
                return List.of();
            }
            throw unavailable();
        } catch (KeySourceException e) {
            throw unavailable();
        }
        if (found.isEmpty() && lastRead.provider() != Reachability.REACHABLE) {
            throw unavailable();
        }
        return found;
    }

    /** Whether tokens can be verified now, reading the set if nothing is cached (within the interval). */
    public Status status() {
        boolean hasKeys;
        try {
            hasKeys = !keys.get(EVERY_KEY, null).isEmpty();
        } catch (KeySourceException e) {
            hasKeys = false;
        }
        LastRead read = lastRead;
        return new Status(url.redacted(), hasKeys, read.provider(), read.error());
    }

    /** When the set was last read from the provider (0 before the first read): the keys held change only then. */
    long lastReadMillis() {
        return lastReadMillis;
    }

    /** How long a read set is used before it is read again. */
    Duration cacheLifetime() {
        return cacheLifetime;
    }

    private Unavailable unavailable() {
        return new Unavailable(refreshInterval);
    }

    /** One log line when the provider becomes reachable or unreachable, not one per read. */
    private synchronized void recordRead(HealthReport<JWKSetSourceWithHealthStatusReporting<SecurityContext>, SecurityContext> report) {
        Reachability before = lastRead.provider();
        if (report.getHealthStatus() == HealthStatus.HEALTHY) {
            lastReadMillis = System.currentTimeMillis();
            lastRead = new LastRead(Reachability.REACHABLE, Optional.empty());
            if (before != Reachability.REACHABLE) {
                LOG.info("event=jwks_loaded url=" + url.redacted());
            }
            return;
        }
        String error = url.redact(cause(report.getException()));
        lastRead = new LastRead(Reachability.UNREACHABLE, Optional.of(error));
        if (before != Reachability.UNREACHABLE) {
            LOG.warning("event=jwks_unreachable url=" + url.redacted() + " error=" + error);
        }
    }

    /** The innermost cause, which says what happened (connection refused, HTTP 500, not JSON). */
    private static String cause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * The JVM's own trust store. An app server may install its own default socket factory (Open
     * Liberty's trusts only its keystore), which would refuse every public identity provider.
     */
    private static javax.net.ssl.SSLSocketFactory jvmTrustStore() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }
}
