package dev.ssehub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.config.Settings.JwtAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";

    @Test
    void everySettingHasASafeDefault() {
        Settings settings = Settings.defaults();
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.anonymous()).isTrue();
        assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.historySize()).isEqualTo(10_000);
        assertThat(settings.maxBody()).isEqualTo(1024 * 1024);
        assertThat(settings.maxSubscribers()).isEqualTo(20_000);
        assertThat(settings.demo()).isFalse();
        assertThat(settings.transport()).isEqualTo("memory:");
        assertThat(settings.fileLogDirectory()).isNull();
        assertThat(settings.fsync()).isEqualTo(Settings.Fsync.ALWAYS);
        assertThat(settings.historyAge()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.drain()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.keyGenerated()).isTrue();
        assertThat(settings.publisherSecret()).hasValueSatisfying(secret -> assertThat(secret).hasSizeGreaterThanOrEqualTo(32));
        assertThat(settings.publisherKey()).isEqualTo(settings.subscriberKey());
        assertThat(settings.jwtAlgorithms()).isEmpty();
    }

    @Test
    void parsesUnitsListsAndPerSideKeys() {
        Settings settings = Settings.from(Map.of(
                Setting.HEARTBEAT, "500ms", Setting.MAX_BODY, "64KiB", Setting.CORS_ORIGINS, "https://a.example, *",
                Setting.JWT_KEY, KEY, Setting.SUBSCRIBER_JWT_KEY, KEY + "-subscribers", Setting.DEMO, "on",
                Setting.TRANSPORT, "file:./data/", Setting.FSYNC, "interval", Setting.DRAIN, "0"));
        assertThat(settings.fileLogDirectory()).isEqualTo(java.nio.file.Path.of("./data/"));
        assertThat(settings.fsync()).isEqualTo(Settings.Fsync.INTERVAL);
        assertThat(settings.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.maxBody()).isEqualTo(64 * 1024);
        assertThat(settings.corsOrigins()).containsExactly("https://a.example", "*");
        assertThat(settings.publisherKey()).contains(new ConfiguredKey(Setting.JWT_KEY, KEY));
        assertThat(settings.subscriberKey()).contains(new ConfiguredKey(Setting.SUBSCRIBER_JWT_KEY, KEY + "-subscribers"));
        assertThat(settings.demo()).isTrue();
        assertThat(settings.drain()).isEqualTo(Duration.ZERO);
        assertThat(settings.keyGenerated()).isFalse();
    }

    @Test
    void httpsNeedsBothFilesAndZeroTurnsCleartextOffOnlyBesideIt(@TempDir Path directory) throws IOException {
        Path certificate = Files.writeString(directory.resolve("cert.pem"), "read by the launcher");
        Path key = Files.writeString(directory.resolve("key.pem"), "read by the launcher");
        Settings defaults = Settings.defaults();
        assertThat(defaults.tls()).isEmpty();
        assertThat(defaults.httpsPort()).isEqualTo(8443);
        assertThat(defaults.cleartext()).isTrue();

        Settings httpsOnly = Settings.from(Map.of(Setting.TLS_CERT, certificate.toString(), Setting.TLS_KEY, key.toString(), Setting.PORT, "0"));
        assertThat(httpsOnly.tls()).contains(new Settings.TlsFiles(certificate, key));
        assertThat(httpsOnly.cleartext()).isFalse();

        assertThatThrownBy(() -> Settings.from(Map.of(Setting.PORT, "0")))
                .hasMessageStartingWith("SSEHUB_PORT (--port): 0 turns cleartext HTTP off, which leaves nothing to serve");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.TLS_CERT, certificate.toString())))
                .hasMessageStartingWith("SSEHUB_TLS_KEY (--tls-key): SSEHUB_TLS_CERT is set, but not the private key");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.TLS_KEY, key.toString())))
                .hasMessageStartingWith("SSEHUB_TLS_CERT (--tls-cert): SSEHUB_TLS_KEY is set, but not the certificate");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.TLS_CERT, directory.resolve("none.pem").toString(), Setting.TLS_KEY, key.toString())))
                .hasMessageEndingWith("none.pem' is not a readable file");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.TLS_CERT, certificate.toString(), Setting.TLS_KEY, key.toString(),
                Setting.PORT, "9443", Setting.HTTPS_PORT, "9443")))
                .hasMessageStartingWith("SSEHUB_HTTPS_PORT (--https-port): 9443 is SSEHUB_PORT too");
        assertRefused(Setting.HTTPS_PORT, "0", "SSEHUB_HTTPS_PORT (--https-port): 0 is out of range 1..65535");
    }

    @Test
    void anInvalidValueIsRefusedWithTheSettingsName() {
        assertRefused(Setting.PORT, "eighty", "SSEHUB_PORT (--port): 'eighty' is not a whole number");
        assertRefused(Setting.PORT, "70000", "SSEHUB_PORT (--port)");
        assertRefused(Setting.HEARTBEAT, "soon", "SSEHUB_HEARTBEAT (--heartbeat)");
        assertRefused(Setting.HEARTBEAT, "99999999999999h", "SSEHUB_HEARTBEAT (--heartbeat)");
        assertRefused(Setting.HISTORY_SIZE, "0", "SSEHUB_HISTORY_SIZE (--history-size)");
        assertRefused(Setting.MAX_BODY, "1TB", "SSEHUB_MAX_BODY (--max-body)");
        assertRefused(Setting.MAX_SUBSCRIBERS, "-1", "SSEHUB_MAX_SUBSCRIBERS (--max-subscribers)");
        assertRefused(Setting.ANONYMOUS, "maybe", "SSEHUB_ANONYMOUS (--anonymous)");
        assertRefused(Setting.JWT_ALG, "none", "SSEHUB_JWT_ALG (--jwt-alg)");
        assertRefused(Setting.TRANSPORT, "kafka://localhost:9092", "SSEHUB_TRANSPORT (--transport): 'kafka://localhost:9092' is not a log this hub knows");
        assertRefused(Setting.TRANSPORT, "redis://localhost:6379/x", "SSEHUB_TRANSPORT (--transport)");
        assertRefused(Setting.TRANSPORT, "file:", "SSEHUB_TRANSPORT (--transport)");
        assertRefused(Setting.FSYNC, "sometimes", "SSEHUB_FSYNC (--fsync)");
        assertRefused(Setting.DRAIN, "1h", "SSEHUB_DRAIN (--drain): '1h' is out of range");
        assertRefused(Setting.HISTORY_AGE, "0s", "SSEHUB_HISTORY_AGE (--history-age): '0s' is out of range 1s..8760h");
        assertRefused(Setting.JWT_KEY, "short", "SSEHUB_JWT_KEY (--jwt-key): an HS256 secret needs at least 32 bytes");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.JWT_ALG, "RS256")))
                .hasMessageStartingWith("SSEHUB_JWT_KEY (--jwt-key)");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.JWT_ALG, "RS256", Setting.JWT_KEY, "/no/such/key.pem")))
                .hasMessage("SSEHUB_JWT_KEY (--jwt-key): not a PEM public key, nor the path of a readable file");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.JWT_ALG, "ES256", Setting.JWT_KEY, KEY)))
                .hasMessage("SSEHUB_JWT_KEY (--jwt-key): not a PEM public key, nor the path of a readable file");
    }

    @Test
    void acceptedAlgorithmsAreAListAndAKeyIsASecretOrAPublicKeyOrItsFile(@TempDir Path directory) throws IOException {
        Settings listed = Settings.from(Map.of(Setting.JWT_KEY, KEY, Setting.JWT_ALG, "hs256, HS512,eddsa"));
        assertThat(listed.jwtAlgorithms()).containsExactlyInAnyOrder(JwtAlgorithm.HS256, JwtAlgorithm.HS512, JwtAlgorithm.EdDSA);
        assertThat(listed.describe()).contains("SSEHUB_JWT_ALG=HS256,HS512,EdDSA");
        assertThat(listed.publisherSecret()).contains(KEY);

        Path pem = directory.resolve("publisher.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Settings fromFile = Settings.from(Map.of(Setting.JWT_KEY, KEY, Setting.PUBLISHER_JWT_KEY, pem.toString()));
        assertThat(fromFile.publisherKey()).hasValueSatisfying(key -> assertThat(key.isPublicKey()).isTrue());
        assertThat(fromFile.publisherSecret()).isEmpty();
        assertThat(fromFile.subscriberKey()).hasValueSatisfying(key -> assertThat(key.isPublicKey()).isFalse());

        assertRefused(Setting.JWT_ALG, "HS256,XS256", "SSEHUB_JWT_ALG (--jwt-alg): 'XS256' is not one of HS256,HS384,HS512,RS256");
    }

    @Test
    void aJwkSetIsReadFromHttpsHttpOrAFileAndMayServeASideWithoutAStaticKey() {
        Settings settings = Settings.from(Map.of(
                Setting.JWKS_URL, "https://idp.example.com/realms/hub/protocol/openid-connect/certs?client_secret=s3cret",
                Setting.SUBSCRIBER_JWKS_URL, "file:keys/subscribers.json",
                Setting.SUBSCRIBER_JWT_KEY, KEY,
                Setting.JWKS_REFRESH, "10s"));
        assertThat(settings.keyGenerated()).isFalse();
        assertThat(settings.publisherKey()).isEmpty();
        assertThat(settings.publisherJwks()).hasValueSatisfying(url -> assertThat(url.uri().getHost()).isEqualTo("idp.example.com"));
        assertThat(settings.subscriberJwks()).hasValueSatisfying(url ->
                assertThat(url.uri()).isEqualTo(Path.of("keys/subscribers.json").toAbsolutePath().toUri()));
        assertThat(settings.subscriberKey()).isPresent();
        assertThat(settings.jwksRefresh()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.describe())
                .contains("SSEHUB_JWKS_URL=https://idp.example.com/realms/hub/protocol/openid-connect/certs ")
                .contains("SSEHUB_PUBLISHER_JWKS_URL= ")
                .doesNotContain("s3cret");
        assertThat(Settings.from(Map.of(Setting.JWKS_URL, "file:///etc/ssehub/jwks.json")).publisherJwks())
                .hasValueSatisfying(url -> assertThat(url.uri().getPath()).isEqualTo("/etc/ssehub/jwks.json"));
        assertThat(Settings.from(Map.of(Setting.JWKS_URL, "file://localhost/etc/ssehub/jwks.json")).publisherJwks())
                .hasValueSatisfying(url -> assertThat(url.uri().getPath()).isEqualTo("/etc/ssehub/jwks.json"));
    }

    @Test
    void aBadJwkSetUrlIsRefusedWithoutRepeatingItsQuery() {
        assertRefused(Setting.JWKS_URL, "ftp://idp.example.com/certs", "SSEHUB_JWKS_URL (--jwks-url): a JWK set URL starts with https:, http: or file:");
        assertRefused(Setting.PUBLISHER_JWKS_URL, "file://idp.example.com/certs", "SSEHUB_PUBLISHER_JWKS_URL (--publisher-jwks-url): a file: URL names a local path");
        assertRefused(Setting.JWKS_URL, "file:", "SSEHUB_JWKS_URL (--jwks-url): a file: URL names a local path");
        assertRefused(Setting.JWKS_URL, "https:///certs?key=s3cret", "SSEHUB_JWKS_URL (--jwks-url): the https: URL names no host");
        assertRefused(Setting.JWKS_URL, "https://idp example/certs?key=s3cret", "SSEHUB_JWKS_URL (--jwks-url): not a valid https: URL");
        assertRefused(Setting.JWKS_REFRESH, "5m", "SSEHUB_JWKS_REFRESH (--jwks-refresh): '5m' is out of range 1s..4m");
        assertThatThrownBy(() -> Settings.from(Map.of(Setting.PUBLISHER_JWKS_URL, "https://idp.example.com/certs")))
                .hasMessage("SSEHUB_SUBSCRIBER_JWT_KEY (--subscriber-jwt-key): no key for these tokens; set it, SSEHUB_JWT_KEY or a JWKS URL");
    }

    @Test
    void theDescriptionMasksKeys() {
        Settings settings = Settings.from(Map.of(Setting.JWT_KEY, KEY));
        assertThat(settings.describe()).contains("SSEHUB_JWT_KEY=(set)").contains("SSEHUB_PORT=8080").doesNotContain(KEY);
    }

    @Test
    void theDescriptionSaysTruthfullyWhichSecretsAreSetGeneratedOrAbsent() {
        assertThat(Settings.from(Map.of()).describe())
                .contains("SSEHUB_JWT_KEY=(generated)", "SSEHUB_PUBLISHER_JWT_KEY=(not set)", "SSEHUB_SUBSCRIBER_JWT_KEY=(not set)");
        assertThat(Settings.from(Map.of(Setting.JWT_KEY, KEY)).describe())
                .contains("SSEHUB_JWT_KEY=(set)", "SSEHUB_PUBLISHER_JWT_KEY=(not set)", "SSEHUB_SUBSCRIBER_JWT_KEY=(not set)");
        assertThat(Settings.from(Map.of(Setting.PUBLISHER_JWT_KEY, KEY, Setting.SUBSCRIBER_JWT_KEY, KEY + "-s")).describe())
                .contains("SSEHUB_JWT_KEY=(not set)", "SSEHUB_PUBLISHER_JWT_KEY=(set)", "SSEHUB_SUBSCRIBER_JWT_KEY=(set)")
                .doesNotContain(KEY);
    }

    @Test
    void environmentWinsOverProperties() {
        Map<Setting, String> raw = Settings.rawValues(Map.of("SSEHUB_PORT", "9000"),
                name -> name.equals("ssehub.port") ? "7000" : name.equals("ssehub.history-size") ? "5" : null);
        assertThat(raw).containsEntry(Setting.PORT, "9000").containsEntry(Setting.HISTORY_SIZE, "5");
    }

    private static void assertRefused(Setting setting, String value, String message) {
        Map<Setting, String> raw = new java.util.EnumMap<>(Map.of(Setting.JWT_KEY, KEY));
        raw.put(setting, value);
        assertThatThrownBy(() -> Settings.from(raw))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(message);
    }
}
