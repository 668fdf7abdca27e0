package dev.ssehub.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key manager, whose certificate and key can be replaced while it serves: each
 * handshake picks the identity current at its start, so a renewed certificate needs no restart and
 * no handshake sees half of each. The choice of identity by key type is the JDK's own
 * ({@code SunX509}); each identity gets an alias of its own, so a handshake that began before a
 * renewal still finds the key of the certificate it chose.
 */
final class RenewableKeyManager extends X509ExtendedKeyManager {

    private static final char[] NO_PASSWORD = new char[0];

    private record Loaded(String alias, X509ExtendedKeyManager keys) {
    }

    private volatile Loaded current;
    private volatile Loaded previous;
    private int generation;

    RenewableKeyManager(ServerIdentity identity) {
        use(identity);
    }

    /** Serves this identity from the next handshake on. */
    synchronized void use(ServerIdentity identity) {
        String alias = "ssehub-" + ++generation;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, identity.key(), NO_PASSWORD, identity.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, NO_PASSWORD);
            previous = current;
            current = new Loaded(alias, (X509ExtendedKeyManager) factory.getKeyManagers()[0]);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK cannot hold this key in memory: " + e.getMessage(), e);
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.keys().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Loaded loaded = byAlias(alias);
        return loaded == null ? null : loaded.keys().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Loaded loaded = byAlias(alias);
        return loaded == null ? null : loaded.keys().getPrivateKey(alias);
    }

    private Loaded byAlias(String alias) {
        Loaded now = current;
        if (now.alias().equals(alias)) {
            return now;
        }
        Loaded before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }

    /** A server presents no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
