package dev.ssehub.config;

/**
 * A static token key as the settings give it, an HMAC secret or a PEM public key, with the setting
 * it came from, so that a key the hub cannot use is reported against that setting.
 */
public record ConfiguredKey(Setting setting, String text) {

    private static final String PEM_BEGIN = "-----BEGIN";

    /** A PEM public key; otherwise the text is an HMAC secret. */
    public boolean isPublicKey() {
        return text.contains(PEM_BEGIN);
    }

    static boolean looksLikePem(String text) {
        return text.contains(PEM_BEGIN);
    }

    @Override
    public String toString() {
        return "ConfiguredKey[" + setting + ", " + (isPublicKey() ? "public key" : "secret") + "]";
    }
}
