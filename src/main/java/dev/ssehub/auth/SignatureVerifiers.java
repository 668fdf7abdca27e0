package dev.ssehub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import java.security.Key;
import java.security.interfaces.EdECPublicKey;

/** Nimbus's verifiers for HMAC, RSA and ECDSA, and the JDK's for Ed25519, which Nimbus's factory lacks. */
final class SignatureVerifiers extends DefaultJWSVerifierFactory {

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (JWSAlgorithm.Family.ED.contains(header.getAlgorithm()) && key instanceof EdECPublicKey ed25519) {
            return new Ed25519SignatureVerifier(ed25519);
        }
        return super.createJWSVerifier(header, key);
    }
}
