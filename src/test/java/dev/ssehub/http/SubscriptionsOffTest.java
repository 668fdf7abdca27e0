package dev.ssehub.http;

import static dev.ssehub.http.PublishTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hub with the default settings neither publishes subscription events nor serves the API. */
class SubscriptionsOffTest extends HubTest {

    @Test
    void theApiIsNotThere() {
        String everything = token(List.of(), List.of("*"));
        try (Response response = target(HUB_PATH + "/subscriptions").request().header("Authorization", "Bearer " + everything).get()) {
            assertProblem(response, 404, "path");
        }
    }

    @Test
    void subscribersComeAndGoWithoutEvents() throws Exception {
        String everything = token(List.of(), List.of("*"));
        try (RawEventStream watcher = RawEventStream.open(URI.create(hubUri() + "?topic=*"), "Authorization", "Bearer " + everything).connected();
             RawEventStream other = RawEventStream.open(URI.create(hubUri() + "?topic=t")).connected()) {
            assertThat(watcher.nextUpdate(Duration.ofMillis(400))).isNull();
        }
    }
}
