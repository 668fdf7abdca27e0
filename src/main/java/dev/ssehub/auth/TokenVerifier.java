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
import dev.ssehub.topic.SelectorSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies Mercure JWS tokens for one side (publishers or subscribers). A token is tried against
 * each of the side's key sets in turn (its static key, then its identity provider's JWK set) that
 * accepts the token's algorithm, and passes if one verifies it. Unsigned tokens never pass.
 */
public final class TokenVerifier {

    private static final String MERCURE_CLAIM = "mercure";
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** RFC 9068's type of OAuth access tokens, which some identity providers set. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private final List<Verification> verifications;
    private final Set<JWSAlgorithm> accepted;

    /** A set of keys a token may be verified with, and the algorithms it accepts. */
    record Keys(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source) {
    }

    private record Verification(Keys keys, DefaultJWTProcessor<SecurityContext> processor) {
    }

    TokenVerifier(List<Keys> keySets) {
        if (keySets.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one set of keys");
        }
        List<Verification> verifications = new ArrayList<>();
        Set<JWSAlgorithm> accepted = new HashSet<>();
        for (Keys keys : keySets) {
            verifications.add(new Verification(keys, processor(keys)));
            accepted.addAll(keys.algorithms());
        }
        this.verifications = List.copyOf(verifications);
        this.accepted = Set.copyOf(accepted);
    }

    private static DefaultJWTProcessor<SecurityContext> processor(Keys keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        processor.setJWSKeySelector(new SignatureKeySelector(keys.algorithms(), keys.source()));
        processor.setJWSVerifierFactory(new SignatureVerifiers());
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(null, null);
        // No leeway: the spec closes a subscription exactly when its token expires.
        claimsVerifier.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    /** The token's claims; a token that no key verifies is an {@link InvalidTokenException}. */
    public Claims verify(String token) throws InvalidTokenException {
        SignedJWT jwt = signed(token);
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!accepted.contains(algorithm)) {
            throw new InvalidTokenException("the token's algorithm " + algorithm + " is not accepted here; accepted: "
                    + SignatureAlgorithms.names(accepted));
        }
        BadJOSEException refusal = null;
        for (Verification verification : verifications) {
            if (!verification.keys().algorithms().contains(algorithm)) {
                continue;
            }
            try {
                return grants(verification.processor().process(jwt, null));
            } catch (BadJWTException e) {
                throw new InvalidTokenException("the token was refused: " + e.getMessage());
            } catch (BadJOSEException e) {
                refusal = e;
            } catch (JOSEException e) {
                refusal = new BadJOSEException(e.getMessage(), e);
            }
        }
        throw new InvalidTokenException(refusal instanceof BadJWSException
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

    private static Claims grants(JWTClaimsSet claims) throws InvalidTokenException {
        Map<String, Object> mercure;
        try {
            mercure = claims.getJSONObjectClaim(MERCURE_CLAIM);
        } catch (ParseException e) {
            throw new InvalidTokenException("the 'mercure' claim is not a JSON object");
        }
        if (mercure == null) {
            mercure = Map.of();
        }
        Date expiry = claims.getExpirationTime();
        return new Claims(
                selectors(mercure, "publish"),
                selectors(mercure, "subscribe"),
                mercure.get("payload"),
                Optional.ofNullable(expiry).map(Date::toInstant));
    }

    private static SelectorSet selectors(Map<String, Object> mercure, String name) throws InvalidTokenException {
        Object value = mercure.get(name);
        if (value == null) {
            return SelectorSet.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidTokenException("the 'mercure." + name + "' claim is not an array");
        }
        List<String> texts = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new InvalidTokenException("the 'mercure." + name + "' claim holds a non-string selector");
            }
            texts.add(text);
        }
        return SelectorSet.of(texts);
    }
}
