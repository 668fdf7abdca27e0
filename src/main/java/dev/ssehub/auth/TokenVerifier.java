package dev.ssehub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ssehub.config.Settings.JwtAlgorithm;
import dev.ssehub.topic.SelectorSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies Mercure JWS tokens for one side (publishers or subscribers) with exactly one algorithm,
 * so {@code alg: none} and HS/RS confusion are refused by construction.
 */
public final class TokenVerifier {

    private static final String MERCURE_CLAIM = "mercure";
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final DefaultJWTProcessor<SecurityContext> processor;

    private TokenVerifier(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(null, null);
        // No leeway: the spec closes a subscription exactly when its token expires.
        claimsVerifier.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
    }

    public static TokenVerifier of(JwtAlgorithm algorithm, String key) {
        return switch (algorithm) {
            case HS256 -> new TokenVerifier(JWSAlgorithm.HS256, new ImmutableSecret<>(key.getBytes(StandardCharsets.UTF_8)));
            case RS256 -> new TokenVerifier(JWSAlgorithm.RS256, new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(rsaPublicKey(key)).build())));
        };
    }

    public Claims verify(String token) throws InvalidTokenException {
        // The base64url decoder skips characters outside its alphabet, so a token with stray bytes would still verify.
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw new InvalidTokenException("the token is not a well-formed JWS");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a well-formed JWS");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("the token was refused: " + e.getMessage());
        }
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

    private static RSAPublicKey rsaPublicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM-encoded RSA public key (-----BEGIN PUBLIC KEY-----)", e);
        }
    }
}
