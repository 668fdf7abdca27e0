package dev.ssehub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies Mercure JWS tokens for one side (publishers or subscribers). A token is tried against
 * each of the side's key sets in turn (its static key, then its identity provider's JWK set) that
 * accepts the token's algorithm, and passes if one verifies it. Unsigned tokens never pass. A token
 * that passed is not verified again while it holds ({@link VerifiedTokens}).
 */
public final class TokenVerifier {

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** A JWT's type, RFC 9068's type of OAuth access tokens (which some identity providers set), or none. */
    private static final Set<JOSEObjectType> TYPES = Collections.unmodifiableSet(
            new HashSet<>(Arrays.asList(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null)));

    private final List<Verification> verifications;
    private final Set<JWSAlgorithm> accepted;
    private final MercureClaim mercure;
    private final VerifiedTokens verified = new VerifiedTokens(System::currentTimeMillis);

    /** A set of keys a token may be verified with, and the algorithms it accepts. */
    record Keys(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source) {

        /** When the keys were last read: an identity provider's set changes only when it is read again, a static key never. */
        long lastRead() {
            return source instanceof ProviderKeys provider ? provider.lastReadMillis() : 0;
        }

        /** Until when the keys read at {@code read} are held without reading them again. */
        long currentUntil(long read) {
            return source instanceof ProviderKeys provider ? read + provider.cacheLifetime().toMillis() : Long.MAX_VALUE;
        }
    }

    /** What every token must carry besides a good signature, and where its Mercure rights are. */
    record Rules(Optional<String> issuer, Optional<String> audience, MercureClaim mercure) {

        /** The spec's: no issuer or audience required, the rights in the mercure claim. */
        static final Rules SPEC = new Rules(Optional.empty(), Optional.empty(), MercureClaim.SPEC);
    }

    private record Verification(Keys keys, DefaultJWTProcessor<SecurityContext> processor) {
    }

    TokenVerifier(List<Keys> keySets, Rules rules) {
        if (keySets.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one set of keys");
        }
        List<Verification> verifications = new ArrayList<>();
        Set<JWSAlgorithm> accepted = new HashSet<>();
        for (Keys keys : keySets) {
            verifications.add(new Verification(keys, processor(keys, rules)));
            accepted.addAll(keys.algorithms());
        }
        this.verifications = List.copyOf(verifications);
        this.accepted = Set.copyOf(accepted);
        this.mercure = rules.mercure();
    }

    private static DefaultJWTProcessor<SecurityContext> processor(Keys keys, Rules rules) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPES));
        processor.setJWSKeySelector(new SignatureKeySelector(keys.algorithms(), keys.source()));
        processor.setJWSVerifierFactory(new SignatureVerifiers());
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                rules.audience().map(Collections::singleton).orElse(null),
                rules.issuer().map(issuer -> new JWTClaimsSet.Builder().issuer(issuer).build()).orElse(null),
                null,
                null);
        // No leeway: the spec closes a subscription exactly when its token expires.
        claimsVerifier.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    /**
     * The token's claims. A token that no key verifies is an {@link InvalidTokenException}; one whose
     * keys cannot be read now (its identity provider is unreachable) a {@link KeysUnavailableException}.
     */
    public Claims verify(String token) throws InvalidTokenException, KeysUnavailableException {
        Claims known = verified.get(token);
        if (known != null) {
            return known;
        }
        SignedJWT jwt = signed(token);
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!accepted.contains(algorithm)) {
            throw new InvalidTokenException("the token's algorithm " + algorithm + " is not accepted here; accepted: "
                    + SignatureAlgorithms.names(accepted));
        }
        JOSEObjectType type = jwt.getHeader().getType();
        if (!TYPES.contains(type)) {
            throw new InvalidTokenException("the token's typ '" + type + "' is neither JWT nor at+jwt");
        }
        boolean badSignature = false;
        for (Verification verification : verifications) {
            if (!verification.keys().algorithms().contains(algorithm)) {
                continue;
            }
            long keysRead = verification.keys().lastRead();
            try {
                Claims claims = mercure.grants(verification.processor().process(jwt, null));
                verified.remember(token, claims, verification.keys(), keysRead);
                return claims;
            } catch (BadJWTException e) {
                throw new InvalidTokenException("the token was refused: " + e.getMessage());
            } catch (ProviderKeys.Unavailable e) {
                throw new KeysUnavailableException(e.getMessage(), e.retryAfter());
            } catch (BadJWSException e) {
                badSignature = true;
            } catch (BadJOSEException | JOSEException noKeyFits) {
                // the next set of keys may hold one
            }
        }
        throw new InvalidTokenException(badSignature
                ? "the token's signature does not verify"
                : "no key fits the token" + Optional.ofNullable(jwt.getHeader().getKeyID()).map(kid -> " (kid '" + kid + "')").orElse(""));
    }

    private static SignedJWT signed(String token) throws InvalidTokenException {
        // The base64url decoder skips characters outside its alphabet, so a token with stray bytes would still verify.
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw new InvalidTokenException("the token is not a well-formed JWS");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a well-formed JWS");
        }
        if (jwt instanceof PlainJWT) {
            throw new InvalidTokenException("the token is unsigned (alg: none)");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidTokenException("the token is not a well-formed JWS");
        }
        return signed;
    }
}
