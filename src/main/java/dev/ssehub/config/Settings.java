package dev.ssehub.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hub's validated, immutable configuration. Every value has a safe default; a value the hub
 * cannot use stops the start with an {@link InvalidSettingException} naming the setting.
 */
public record Settings(
        int port,
        int httpsPort,
        Optional<TlsFiles> tls,
        String host,
        Set<JwtAlgorithm> jwtAlgorithms,
        Optional<ConfiguredKey> publisherKey,
        Optional<ConfiguredKey> subscriberKey,
        boolean keyGenerated,
        Set<Setting> secretsGiven,
        Optional<JwksUrl> jwksUrl,
        Optional<JwksUrl> publisherJwksUrl,
        Optional<JwksUrl> subscriberJwksUrl,
        Duration jwksRefresh,
        Optional<String> jwtIssuer,
        Optional<String> jwtAudience,
        String jwtClaim,
        boolean anonymous,
        List<String> corsOrigins,
        Duration heartbeat,
        String transport,
        Fsync fsync,
        int historySize,
        Duration historyAge,
        long maxBody,
        int maxSubscribers,
        boolean demo,
        boolean subscriptions,
        Duration drain,
        StreamMode streams,
        String path) {

    /** Up to this many topic selectors per subscription; the spec's practical ceiling. */
    public static final int MAX_SELECTORS = 1000;

    /** The longest topic or selector, in characters: room for any real URL, not for a payload. */
    public static final int MAX_TOPIC_LENGTH = 2048;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|KiB|MB|MiB)?", Pattern.CASE_INSENSITIVE);
    private static final int MIN_HMAC_KEY_BYTES = 32;

    /**
     * The JWS algorithms the hub verifies, by their JOSE names (RFC 7518, RFC 8037 and RFC 9864's
     * {@code Ed25519}). Which of them a token may use also depends on its key's type.
     */
    public enum JwtAlgorithm {
        HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519;

        public boolean isHmac() {
            return name().startsWith("HS");
        }
    }

    public enum Fsync { ALWAYS, INTERVAL }

    /** Where the standalone hub's HTTPS certificate chain and its private key are, both PEM. */
    public record TlsFiles(Path certificate, Path key) {
    }

    /** How event streams are written: with the runtime's own non-blocking output, or through the JAX-RS SSE API. */
    public enum StreamMode { NATIVE, JAXRS }

    private static final String MEMORY_TRANSPORT = "memory:";
    private static final String FILE_TRANSPORT = "file:";

    public Settings {
        jwtAlgorithms = Set.copyOf(jwtAlgorithms);
        corsOrigins = List.copyOf(corsOrigins);
        secretsGiven = Set.copyOf(secretsGiven);
    }

    public static Settings defaults() {
        return from(Map.of());
    }

    /**
     * Reads the settings as an app server deploys the hub: environment variables over the
     * application's MicroProfile Config where the server has it, else over system properties.
     */
    public static Settings fromEnvironment() {
        return from(rawValues(System.getenv(), MicroProfileProperties.ofThisApplication().orElse(System.getProperties()::getProperty)));
    }

    /** Collects raw values: a property wins over its default, an environment variable over both. */
    public static Map<Setting, String> rawValues(Map<String, String> environment, java.util.function.Function<String, String> properties) {
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String property = properties.apply(setting.property());
            if (property != null) {
                raw.put(setting, property);
            }
            String variable = environment.get(setting.environmentVariable());
            if (variable != null) {
                raw.put(setting, variable);
            }
        }
        return raw;
    }

    public static Settings from(Map<Setting, String> raw) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, raw.getOrDefault(setting, setting.defaultValue()).trim());
        }
        Set<JwtAlgorithm> algorithms = algorithms(values.get(Setting.JWT_ALG));
        Optional<JwksUrl> jwks = jwks(Setting.JWKS_URL, values);
        Optional<JwksUrl> publisherJwks = jwks(Setting.PUBLISHER_JWKS_URL, values);
        Optional<JwksUrl> subscriberJwks = jwks(Setting.SUBSCRIBER_JWKS_URL, values);
        String sharedKey = values.get(Setting.JWT_KEY);
        boolean generated = sharedKey.isEmpty()
                && values.get(Setting.PUBLISHER_JWT_KEY).isEmpty()
                && values.get(Setting.SUBSCRIBER_JWT_KEY).isEmpty()
                && jwks.isEmpty() && publisherJwks.isEmpty() && subscriberJwks.isEmpty();
        if (generated) {
            if (!algorithms.isEmpty() && algorithms.stream().noneMatch(JwtAlgorithm::isHmac)) {
                throw new InvalidSettingException(Setting.JWT_KEY, joined(algorithms) + " needs a PEM public key or a JWKS URL; none was given");
            }
            sharedKey = randomSecret();
        }
        Optional<ConfiguredKey> publisherKey = key(Setting.PUBLISHER_JWT_KEY, values.get(Setting.PUBLISHER_JWT_KEY), sharedKey, algorithms,
                publisherJwks.or(() -> jwks).isPresent());
        Optional<ConfiguredKey> subscriberKey = key(Setting.SUBSCRIBER_JWT_KEY, values.get(Setting.SUBSCRIBER_JWT_KEY), sharedKey, algorithms,
                subscriberJwks.or(() -> jwks).isPresent());
        Optional<TlsFiles> tls = tls(values.get(Setting.TLS_CERT), values.get(Setting.TLS_KEY));
        int port = intIn(Setting.PORT, values.get(Setting.PORT), 0, 65535);
        int httpsPort = intIn(Setting.HTTPS_PORT, values.get(Setting.HTTPS_PORT), 1, 65535);
        if (port == 0 && tls.isEmpty()) {
            throw new InvalidSettingException(Setting.PORT, "0 turns cleartext HTTP off, which leaves nothing to serve without SSEHUB_TLS_CERT and SSEHUB_TLS_KEY");
        }
        if (port == httpsPort && tls.isPresent()) {
            throw new InvalidSettingException(Setting.HTTPS_PORT, httpsPort + " is SSEHUB_PORT too; HTTP and HTTPS need a port each");
        }
        return new Settings(
                port,
                httpsPort,
                tls,
                nonEmpty(Setting.HOST, values.get(Setting.HOST)),
                algorithms,
                publisherKey,
                subscriberKey,
                generated,
                Arrays.stream(Setting.values()).filter(setting -> setting.isSecret() && !values.get(setting).isEmpty())
                        .collect(Collectors.toUnmodifiableSet()),
                jwks,
                publisherJwks,
                subscriberJwks,
                // Below the five minutes a read set is kept, so that an expired set may always be read again.
                duration(Setting.JWKS_REFRESH, values.get(Setting.JWKS_REFRESH), Duration.ofSeconds(1), Duration.ofMinutes(4)),
                optional(values.get(Setting.JWT_ISSUER)),
                optional(values.get(Setting.JWT_AUDIENCE)),
                nonEmpty(Setting.JWT_CLAIM, values.get(Setting.JWT_CLAIM)),
                bool(Setting.ANONYMOUS, values.get(Setting.ANONYMOUS)),
                origins(values.get(Setting.CORS_ORIGINS)),
                duration(Setting.HEARTBEAT, values.get(Setting.HEARTBEAT), Duration.ofMillis(100), Duration.ofHours(24)),
                transport(values.get(Setting.TRANSPORT)),
                choice(Setting.FSYNC, Fsync.class, values.get(Setting.FSYNC)),
                intIn(Setting.HISTORY_SIZE, values.get(Setting.HISTORY_SIZE), 1, 10_000_000),
                duration(Setting.HISTORY_AGE, values.get(Setting.HISTORY_AGE), Duration.ofSeconds(1), Duration.ofDays(365)),
                size(Setting.MAX_BODY, values.get(Setting.MAX_BODY)),
                intIn(Setting.MAX_SUBSCRIBERS, values.get(Setting.MAX_SUBSCRIBERS), 0, 10_000_000),
                bool(Setting.DEMO, values.get(Setting.DEMO)),
                bool(Setting.SUBSCRIPTIONS, values.get(Setting.SUBSCRIPTIONS)),
                duration(Setting.DRAIN, values.get(Setting.DRAIN), Duration.ZERO, Duration.ofMinutes(10)),
                choice(Setting.STREAMS, StreamMode.class, values.get(Setting.STREAMS)),
                path(values.get(Setting.PATH)));
    }

    /** The effective settings, one {@code name=value} pair each, with keys masked. */
    public String describe() {
        return Arrays.stream(Setting.values())
                .map(setting -> setting.environmentVariable() + "=" + shown(setting))
                .collect(Collectors.joining(" "));
    }

    /** The JWK set whose keys verify publisher tokens, if any. */
    public Optional<JwksUrl> publisherJwks() {
        return publisherJwksUrl.or(() -> jwksUrl);
    }

    /** The JWK set whose keys verify subscriber tokens, if any. */
    public Optional<JwksUrl> subscriberJwks() {
        return subscriberJwksUrl.or(() -> jwksUrl);
    }

    /**
     * The publisher's HMAC secret when HS256 tokens signed with it pass: what the console banner and
     * the demo page mint tokens with.
     */
    public Optional<String> publisherSecret() {
        boolean hs256 = jwtAlgorithms.isEmpty() || jwtAlgorithms.contains(JwtAlgorithm.HS256);
        return publisherKey.filter(key -> hs256 && !key.isPublicKey()).map(ConfiguredKey::text);
    }

    /** The subscribers' HMAC secret when HS256 tokens signed with it pass: what an embedding application mints tokens with. */
    public Optional<String> subscriberSecret() {
        boolean hs256 = jwtAlgorithms.isEmpty() || jwtAlgorithms.contains(JwtAlgorithm.HS256);
        return subscriberKey.filter(key -> hs256 && !key.isPublicKey()).map(ConfiguredKey::text);
    }

    private String shown(Setting setting) {
        return switch (setting) {
            case PORT -> Integer.toString(port);
            case HTTPS_PORT -> Integer.toString(httpsPort);
            case TLS_CERT -> tls.map(files -> files.certificate().toString()).orElse("");
            case TLS_KEY -> tls.map(files -> files.key().toString()).orElse("");
            case HOST -> host;
            case JWT_KEY, PUBLISHER_JWT_KEY, SUBSCRIBER_JWT_KEY -> masked(setting);
            case JWT_ALG -> joined(jwtAlgorithms);
            case JWKS_URL -> jwksUrl.map(JwksUrl::redacted).orElse("");
            case PUBLISHER_JWKS_URL -> publisherJwksUrl.map(JwksUrl::redacted).orElse("");
            case SUBSCRIBER_JWKS_URL -> subscriberJwksUrl.map(JwksUrl::redacted).orElse("");
            case JWKS_REFRESH -> jwksRefresh.toMillis() + "ms";
            case JWT_ISSUER -> jwtIssuer.orElse("");
            case JWT_AUDIENCE -> jwtAudience.orElse("");
            case JWT_CLAIM -> jwtClaim;
            case ANONYMOUS -> Boolean.toString(anonymous);
            case CORS_ORIGINS -> String.join(",", corsOrigins);
            case HEARTBEAT -> heartbeat.toMillis() + "ms";
            case TRANSPORT -> transport;
            case FSYNC -> fsync.name().toLowerCase(Locale.ROOT);
            case HISTORY_SIZE -> Integer.toString(historySize);
            case HISTORY_AGE -> historyAge.toSeconds() + "s";
            case MAX_BODY -> Long.toString(maxBody);
            case MAX_SUBSCRIBERS -> Integer.toString(maxSubscribers);
            case DEMO -> Boolean.toString(demo);
            case SUBSCRIPTIONS -> Boolean.toString(subscriptions);
            case DRAIN -> drain.toMillis() + "ms";
            case STREAMS -> streams.name().toLowerCase(Locale.ROOT);
            case PATH -> path;
        };
    }

    /** Whether a secret was given, generated or left out; never its value. */
    private String masked(Setting secret) {
        if (secretsGiven.contains(secret)) {
            return "(set)";
        }
        return secret == Setting.JWT_KEY && keyGenerated ? "(generated)" : "(not set)";
    }

    /** One of the enum's constants, named in any case; the message lists them all. */
    private static <E extends Enum<E>> E choice(Setting setting, Class<E> choices, String value) {
        try {
            return Enum.valueOf(choices, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(choices.getEnumConstants()).map(constant -> constant.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new InvalidSettingException(setting, "'" + value + "' is not one of " + allowed);
        }
    }

    /**
     * One side's static key, which it may go without when it has a JWK set. A value is a PEM public
     * key when it holds one or names a file that does (always, when only asymmetric algorithms are
     * accepted), and an HMAC secret otherwise.
     */
    private static Optional<ConfiguredKey> key(Setting setting, String specific, String shared, Set<JwtAlgorithm> algorithms, boolean hasJwks) {
        String value = specific.isEmpty() ? shared : specific;
        Setting named = specific.isEmpty() ? Setting.JWT_KEY : setting;
        if (value.isEmpty()) {
            if (hasJwks) {
                return Optional.empty();
            }
            throw new InvalidSettingException(setting, "no key for these tokens; set it, SSEHUB_JWT_KEY or a JWKS URL");
        }
        boolean publicKeyOnly = !algorithms.isEmpty() && algorithms.stream().noneMatch(JwtAlgorithm::isHmac);
        if (ConfiguredKey.looksLikePem(value) || publicKeyOnly || isReadableFile(value)) {
            return Optional.of(new ConfiguredKey(named, pem(named, value)));
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_KEY_BYTES) {
            throw new InvalidSettingException(named, "an HS256 secret needs at least " + MIN_HMAC_KEY_BYTES + " bytes");
        }
        return Optional.of(new ConfiguredKey(named, value));
    }

    private static boolean isReadableFile(String value) {
        try {
            Path path = Path.of(value);
            return Files.isRegularFile(path) && Files.isReadable(path);
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }

    private static String pem(Setting setting, String value) {
        if (ConfiguredKey.looksLikePem(value)) {
            return value;
        }
        try {
            String text = Files.readString(Path.of(value), StandardCharsets.US_ASCII);
            if (!ConfiguredKey.looksLikePem(text)) {
                throw new InvalidSettingException(setting, "file '" + value + "' holds no PEM public key");
            }
            return text;
        } catch (IOException | InvalidPathException e) {
            // The value may be a secret given by mistake: it is not repeated.
            throw new InvalidSettingException(setting, "not a PEM public key, nor the path of a readable file");
        }
    }

    /** The comma-separated algorithm names, in any case; empty for every algorithm the keys fit. */
    private static Set<JwtAlgorithm> algorithms(String value) {
        Set<JwtAlgorithm> algorithms = EnumSet.noneOf(JwtAlgorithm.class);
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            algorithms.add(Arrays.stream(JwtAlgorithm.values())
                    .filter(algorithm -> algorithm.name().equalsIgnoreCase(name.trim()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidSettingException(Setting.JWT_ALG,
                            "'" + name.trim() + "' is not one of " + joined(EnumSet.allOf(JwtAlgorithm.class)))));
        }
        return algorithms;
    }

    private static String joined(Set<JwtAlgorithm> algorithms) {
        return algorithms.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static String randomSecret() {
        byte[] secret = new byte[MIN_HMAC_KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static List<String> origins(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }

    private static Optional<JwksUrl> jwks(Setting setting, Map<Setting, String> values) {
        String value = values.get(setting);
        return value.isEmpty() ? Optional.empty() : Optional.of(JwksUrl.parse(setting, value));
    }

    /** The two PEM files, both or neither; their content is read by the launcher, which names the setting if it cannot use it. */
    private static Optional<TlsFiles> tls(String certificate, String key) {
        if (certificate.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (key.isEmpty()) {
            throw new InvalidSettingException(Setting.TLS_KEY, "SSEHUB_TLS_CERT is set, but not the private key that goes with it");
        }
        if (certificate.isEmpty()) {
            throw new InvalidSettingException(Setting.TLS_CERT, "SSEHUB_TLS_KEY is set, but not the certificate that goes with it");
        }
        return Optional.of(new TlsFiles(readableFile(Setting.TLS_CERT, certificate), readableFile(Setting.TLS_KEY, key)));
    }

    private static Path readableFile(Setting setting, String value) {
        try {
            Path path = Path.of(value);
            if (Files.isRegularFile(path) && Files.isReadable(path)) {
                return path;
            }
        } catch (InvalidPathException notAPath) {
            // Reported below like a missing file.
        }
        throw new InvalidSettingException(setting, "'" + value + "' is not a readable file");
    }

    /** Whether the standalone hub serves cleartext HTTP ({@code SSEHUB_PORT} other than 0). */
    public boolean cleartext() {
        return port != 0;
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String nonEmpty(Setting setting, String value) {
        if (value.isEmpty()) {
            throw new InvalidSettingException(setting, "must not be empty");
        }
        return value;
    }

    private static boolean bool(Setting setting, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidSettingException(setting, "'" + value + "' is not a boolean; use true or false");
        };
    }

    private static int intIn(Setting setting, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new InvalidSettingException(setting, parsed + " is out of range " + min + ".." + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, "'" + value + "' is not a whole number");
        }
    }

    /** The directory of a {@code file:} transport, or null for {@code memory:}. */
    public java.nio.file.Path fileLogDirectory() {
        return transport.startsWith(FILE_TRANSPORT) ? java.nio.file.Path.of(transport.substring(FILE_TRANSPORT.length())) : null;
    }

    private static String transport(String value) {
        if (value.equals(MEMORY_TRANSPORT)) {
            return value;
        }
        if (value.startsWith(FILE_TRANSPORT) && value.length() > FILE_TRANSPORT.length()) {
            return value;
        }
        if (value.matches("rediss?://[^/\\s]+(/\\d+)?/?")) {
            return value;
        }
        throw new InvalidSettingException(Setting.TRANSPORT,
                "'" + value + "' is not a log this hub knows; use memory:, file:<directory> or redis://host:port[/db]");
    }

    private static Duration duration(Setting setting, String value, Duration min, Duration max) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, e.getMessage());
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new InvalidSettingException(setting, "'" + value + "' is out of range " + Durations.format(min) + ".." + Durations.format(max));
        }
        return duration;
    }

    /** A Servlet URL pattern that names one exact path, so nothing the host serves below it is taken. */
    private static String path(String value) {
        if (!value.matches("(/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+")) {
            throw new InvalidSettingException(Setting.PATH, "'" + value + "' is not a path: expected an absolute path without a trailing slash, wildcard, query or fragment, e.g. /.well-known/mercure");
        }
        return value;
    }

    private static long size(Setting setting, String value) {
        Matcher matcher = SIZE.matcher(value);
        if (!matcher.matches()) {
            throw new InvalidSettingException(setting, "'" + value + "' is not a size; use e.g. 65536, 64KiB, 1MiB");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        long bytes = switch (unit) {
            case "KB" -> amount * 1000;
            case "KIB" -> amount * 1024;
            case "MB" -> amount * 1000 * 1000;
            case "MIB" -> amount * 1024 * 1024;
            default -> amount;
        };
        if (bytes < 1024 || bytes > 64L * 1024 * 1024) {
            throw new InvalidSettingException(setting, "'" + value + "' is out of range 1KiB..64MiB");
        }
        return bytes;
    }
}
