package dev.ssehub.config;

import java.util.Locale;

/**
 * Every setting the hub reads, with its default and meaning. Each one is reachable as a flag
 * ({@code --history-size}), an environment variable ({@code SSEHUB_HISTORY_SIZE}) and a system or
 * servlet property ({@code ssehub.history-size}).
 */
public enum Setting {
    PORT("8080", false, "HTTP port of the standalone hub; 0 turns cleartext HTTP off (HTTPS must be on then)"),
    HTTPS_PORT("8443", false, "HTTPS port of the standalone hub (HTTP/2 and HTTP/1.1), served when SSEHUB_TLS_CERT and SSEHUB_TLS_KEY are set"),
    TLS_CERT("", false, "PEM file with the HTTPS certificate chain, the server's certificate first; read again when it changes"),
    TLS_KEY("", false, "PEM file with the private key of that certificate (PKCS#8, PKCS#1 RSA or EC); read again when it changes"),
    HOST("0.0.0.0", false, "address the standalone hub listens on"),
    JWT_KEY("", true, "key for publisher and subscriber tokens: an HMAC secret, or a PEM public key (RSA, EC or Ed25519) or the path of one"),
    PUBLISHER_JWT_KEY("", true, "key for publisher tokens; overrides SSEHUB_JWT_KEY"),
    SUBSCRIBER_JWT_KEY("", true, "key for subscriber tokens; overrides SSEHUB_JWT_KEY"),
    JWT_ALG("", false, "accepted token algorithms, comma-separated (HS256, RS256, PS256, ES256, EdDSA, ...); by default every one the keys fit"),
    JWKS_URL("", false, "URL of a JWK set (https:, http: or file:) whose keys verify publisher and subscriber tokens, besides any static key"),
    PUBLISHER_JWKS_URL("", false, "JWK set for publisher tokens; overrides SSEHUB_JWKS_URL"),
    SUBSCRIBER_JWKS_URL("", false, "JWK set for subscriber tokens; overrides SSEHUB_JWKS_URL"),
    JWKS_REFRESH("30s", false, "the shortest time between two reads of a JWK set: a token with an unknown kid has it read again at most this often"),
    JWT_ISSUER("", false, "when set, the iss claim every token must carry"),
    JWT_AUDIENCE("", false, "when set, a value the aud claim of every token must hold"),
    JWT_CLAIM("mercure", false, "the claim holding a token's rights: a claim name (https://example.com/mercure) or a JSON pointer (/ext/mercure); tokens without it are read at the mercure claim"),
    ANONYMOUS("true", false, "let subscribers without a token receive public updates"),
    CORS_ORIGINS("", false, "comma-separated origins allowed to call the hub from a browser; * for any"),
    HEARTBEAT("30s", false, "interval of the keep-alive comment on every stream"),
    TRANSPORT("memory:", false, "the event log: memory:, file:<directory> (survives restarts) or redis://host:port[/db] (shared by hubs)"),
    FSYNC("always", false, "file log: always (an acknowledged update is on disk) or interval (on disk within a second)"),
    HISTORY_SIZE("10000", false, "updates kept for reconnecting subscribers"),
    HISTORY_AGE("24h", false, "how long an update is kept for reconnecting subscribers"),
    MAX_BODY("1MiB", false, "largest publish request body"),
    MAX_SUBSCRIBERS("20000", false, "subscribers one hub serves at once, beyond which it answers 503; 0 for no limit"),
    DEMO("false", false, "serve the demo page's publishers on demo/* topics"),
    SUBSCRIPTIONS("false", false, "publish subscription events and serve the subscriptions API"),
    DRAIN("10s", false, "on stop, the window over which open streams are closed with a reconnect hint; 0 closes them at once"),
    STREAMS("native", false, "how event streams are written: native (the runtime's own non-blocking output: Grizzly standalone, Servlet async I/O in a WAR) or jaxrs (the JAX-RS SseEventSink API)"),
    PATH("/.well-known/mercure", false, "where an application that embeds the hub serves its event streams, below its context root; the standalone hub and the WAR serve /.well-known/mercure");

    private final String defaultValue;
    private final boolean secret;
    private final String description;

    Setting(String defaultValue, boolean secret, String description) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean isSecret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** The environment variable, e.g. {@code SSEHUB_HISTORY_SIZE}. */
    public String environmentVariable() {
        return "SSEHUB_" + name();
    }

    /** The flag, e.g. {@code --history-size}. */
    public String flag() {
        return "--" + kebab();
    }

    /** The system or servlet property, e.g. {@code ssehub.history-size}. */
    public String property() {
        return "ssehub." + kebab();
    }

    private String kebab() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
