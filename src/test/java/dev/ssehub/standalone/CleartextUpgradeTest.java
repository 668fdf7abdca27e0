package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JDK's HttpClient offers an upgrade to cleartext HTTP/2 by default; the hub answers in HTTP/1.1. */
class CleartextUpgradeTest extends HubTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    @Test
    void aClientOfferingH2cCanSubscribeAndPublish() throws Exception {
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(hubUri() + "?topic=upgrade")).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> stream = client.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(lines.readLine()).startsWith(":");

            HttpRequest publish = HttpRequest.newBuilder(hubUri())
                    .header("Authorization", "Bearer " + publisherToken())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("topic=upgrade&data=over%20HTTP%2F1.1"))
                    .build();
            HttpResponse<String> published = client.send(publish, HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_1_1);

            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("data: ")) {
                assertThat(line).doesNotStartWith("data:");
            }
            assertThat(line).isEqualTo("data: over HTTP/1.1");
        }
    }
}
