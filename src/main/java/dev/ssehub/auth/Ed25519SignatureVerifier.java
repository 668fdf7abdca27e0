package dev.ssehub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.crypto.impl.EdDSAProvider;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;

/** Verifies EdDSA (Ed25519) signatures with the JDK's own implementation; Nimbus's needs Tink. */
final class Ed25519SignatureVerifier extends EdDSAProvider implements JWSVerifier {

    private final EdECPublicKey key;
    /** No critical header parameter is understood, so a token that names one is refused, as Nimbus's verifiers do. */
    private final CriticalHeaderParamsDeferral criticalParameters = new CriticalHeaderParamsDeferral();

    Ed25519SignatureVerifier(EdECPublicKey key) {
        this.key = key;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
            throw new JOSEException("an Ed25519 key does not verify " + header.getAlgorithm());
        }
        if (!criticalParameters.headerPasses(header)) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(signingInput);
            return ed25519.verify(signature.decode());
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }
}
