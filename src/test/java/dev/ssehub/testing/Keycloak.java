package dev.ssehub.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak: the keycloak-quarkus-dist the build unpacks from Maven Central, started once per
 * test run in dev mode, on free loopback ports, with the realm in {@code src/test/resources/keycloak}
 * imported. Its database is in memory, so every run starts from the realm file. It runs on the JDK
 * that runs the tests, and is stopped by {@link #stop()} once its tests are done, so that the rest of
 * the run has the machine to itself, or at the latest when the test JVM ends.
 */
public final class Keycloak {

    public static final String REALM = "ssehub";
    private static final String REALM_FILE = "/keycloak/ssehub-realm.json";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private final int port;
    private final int managementPort;
    private final String adminPassword = UUID.randomUUID().toString();
    private Process process;

    private Keycloak(Path home, int port, int managementPort) {
        this.home = home;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the Keycloak the build unpacked; fails, never skips, when there is none. */
    public static Keycloak start() {
        String home = System.getProperty("ssehub.keycloak.home");
        if (home == null || !Files.isExecutable(Path.of(home, "bin", "kc.sh"))) {
            throw new AssertionError("no Keycloak at ssehub.keycloak.home=" + home + ": run the tests with `make test`, whose build unpacks it");
        }
        try {
            Keycloak keycloak = new Keycloak(Path.of(home), freePort(), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "keycloak-stop"));
            keycloak.launch();
            return keycloak;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("Keycloak did not start", e);
        }
    }

    /** The realm's URL, which is also the issuer of its tokens. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public URI jwksUrl() {
        return URI.create(issuer() + "/protocol/openid-connect/certs");
    }

    /** An access token for the client, by the OAuth client-credentials grant. */
    public String clientCredentialsToken(String clientId, String secret) throws IOException, InterruptedException {
        return accessToken(URI.create(issuer() + "/protocol/openid-connect/token"),
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * Rotates the realm's signing keys for the algorithm as an administrator would: a new key
     * provider of higher priority signs from now on, and the old key stays published, so tokens it
     * signed verify until they expire.
     */
    public void rotateKeys(String providerId, Map<String, String> config) throws IOException, InterruptedException {
        String admin = accessToken(URI.create("http://127.0.0.1:" + port + "/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword));
        var configuration = Json.createObjectBuilder().add("priority", Json.createArrayBuilder().add("200"));
        config.forEach((name, value) -> configuration.add(name, Json.createArrayBuilder().add(value)));
        String component = Json.createObjectBuilder()
                .add("name", providerId + "-rotated-" + System.nanoTime())
                .add("providerId", providerId)
                .add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", REALM)
                .add("config", configuration)
                .build().toString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/realms/" + REALM + "/components"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(component)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("Keycloak refused the new key provider: " + response.statusCode() + " " + response.body());
        }
    }

    /** How many times Keycloak has served the realm's JWK set, from its own request metrics. */
    public long jwksRequests() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/realms/{realm}/protocol/{protocol}/certs\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private void launch() throws IOException, InterruptedException {
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (InputStream realm = Keycloak.class.getResourceAsStream(REALM_FILE)) {
            Files.copy(realm, imports.resolve("ssehub-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = home.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--db=dev-mem", "--metrics-enabled=true", "--import-realm",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-host=127.0.0.1", "--http-management-port=" + managementPort)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        long started = System.nanoTime();
        process = builder.start();
        long deadline = started + START_TIMEOUT.toNanos();
        while (!realmAnswers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new AssertionError("Keycloak did not start within " + START_TIMEOUT.toSeconds() + " s; see " + log);
            }
            Thread.sleep(250);
        }
        System.out.printf("keycloak: ready on port %d after %.1f s (log: %s)%n", port, (System.nanoTime() - started) / 1e9, log);
    }

    private boolean realmAnswers() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops Keycloak's JVM and the script that started it; the script alone would leave the JVM running. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String accessToken(URI endpoint, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Keycloak gave no token: " + response.statusCode() + " " + response.body());
        }
        JsonObject token = Json.createReader(new StringReader(response.body())).readObject();
        return token.getString("access_token");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
