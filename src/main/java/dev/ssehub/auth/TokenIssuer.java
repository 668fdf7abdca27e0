package dev.ssehub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mints HS256 Mercure tokens: for development, the console banner and the demo page. */
public final class TokenIssuer {

    private final MACSigner signer;

    public TokenIssuer(String secret) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes", e);
        }
    }

    public String issue(List<String> publish, List<String> subscribe, Duration validFor) {
        Map<String, Object> mercure = new LinkedHashMap<>();
        mercure.put("publish", publish);
        mercure.put("subscribe", subscribe);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("mercure", mercure);
        if (validFor != null) {
            claims.expirationTime(Date.from(Instant.now().plus(validFor)));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }
}
