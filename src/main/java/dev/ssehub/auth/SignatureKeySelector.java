package dev.ssehub.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the keys that may verify a token: of an accepted algorithm, of the type that algorithm
 * needs, with the token's {@code kid} when it names one. Nimbus's selector matches an ECDSA
 * algorithm to any EC key; this one asks for the algorithm's curve, and hands Ed25519 keys over as
 * JDK keys, which Nimbus's selector skips.
 */
final class SignatureKeySelector extends JWSVerificationKeySelector<SecurityContext> {

    SignatureKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
        super(algorithms, keys);
    }

    @Override
    protected JWKMatcher createJWKMatcher(JWSHeader header) {
        JWKMatcher matcher = super.createJWKMatcher(header);
        if (matcher == null || !JWSAlgorithm.Family.EC.contains(header.getAlgorithm())) {
            return matcher;
        }
        return new JWKMatcher.Builder(matcher).curves(Curve.forJWSAlgorithm(header.getAlgorithm())).build();
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!JWSAlgorithm.Family.ED.contains(header.getAlgorithm())) {
            return super.selectJWSKeys(header, context);
        }
        JWKMatcher matcher = createJWKMatcher(header);
        if (matcher == null) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>();
        for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
            if (jwk instanceof OctetKeyPair okp) {
                try {
                    keys.add(Ed25519Keys.toPublicKey(okp));
                } catch (GeneralSecurityException notEd25519) {
                    // an Ed448 key, or a malformed one, verifies nothing here
                }
            }
        }
        return keys;
    }
}
