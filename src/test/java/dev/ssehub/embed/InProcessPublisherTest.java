package dev.ssehub.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.client.Publication;
import dev.ssehub.log.DuplicateIdException;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.MetricsScrape;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing in-process is publishing: the same stream, order, history, retries and metrics as a publish request. */
class InProcessPublisherTest extends HubTest {

    private static final String TOPIC = "https://example.com/orders/42";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private InProcessPublisher publisher;

    @BeforeEach
    void publisher() {
        publisher = new InProcessPublisher(localHub().orElseThrow());
    }

    @Test
    void updatesPublishedInProcessAndOverHttpReachASubscriberInTheOrderTheyWereLogged() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=" + TOPIC)).connected()) {
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                if (i % 2 == 0) {
                    published.add(publisher.publish(Publication.to(TOPIC).data("in-process " + i).type("order")));
                } else {
                    Response response = publish(new Form("topic", TOPIC).param("data", "http " + i).param("type", "order"));
                    assertThat(response.getStatus()).isEqualTo(200);
                    published.add(response.readEntity(String.class));
                }
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                RawEventStream.Event event = stream.nextUpdate(WAIT);
                assertThat(event).as("update %d", i).isNotNull();
                assertThat(event.type()).isEqualTo("order");
                assertThat(event.data()).isEqualTo((i % 2 == 0 ? "in-process " : "http ") + i);
                received.add(event.id());
            }
            assertThat(received).isEqualTo(published);
        }
    }

    @Test
    void anUpdatePublishedInProcessIsKeptForReconnectingSubscribersWithItsIdDataAndRetry() throws Exception {
        Publication publication = Publication.to(TOPIC).id("urn:example:order-42-shipped").data("a\n\nb\n").retry(2500).type("shipped");
        assertThat(publisher.publish(publication)).isEqualTo("urn:example:order-42-shipped");

        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=" + TOPIC), "Last-Event-ID", "earliest").connected()) {
            RawEventStream.Event event = stream.nextUpdate(WAIT);
            assertThat(event.id()).isEqualTo("urn:example:order-42-shipped");
            assertThat(event.data()).isEqualTo("a\n\nb\n");
            assertThat(event.retry()).isEqualTo(2500L);
            assertThat(event.type()).isEqualTo("shipped");
        }
    }

    @Test
    void aPrivateUpdateReachesOnlySubscribersWhoseTokenCoversItsTopic() throws Exception {
        String token = token(List.of(), List.of(TOPIC));
        try (RawEventStream anonymous = RawEventStream.open(URI.create(hubUri() + "?topic=" + TOPIC)).connected();
             RawEventStream authorized = RawEventStream.open(URI.create(hubUri() + "?topic=" + TOPIC), "Authorization", "Bearer " + token).connected()) {
            publisher.publish(Publication.to(TOPIC).data("secret").privately());
            publisher.publish(Publication.to(TOPIC).data("public"));

            assertThat(authorized.nextUpdate(WAIT).data()).isEqualTo("secret");
            assertThat(authorized.nextUpdate(WAIT).data()).isEqualTo("public");
            assertThat(anonymous.nextUpdate(WAIT).data()).isEqualTo("public");
        }
    }

    @Test
    void aRetryIsAcknowledgedOnceAndOtherContentUnderTheSameIdIsRefused() throws Exception {
        Publication publication = Publication.to(TOPIC).data("shipped");
        String id = publisher.publish(publication);

        assertThat(publisher.publish(publication)).isEqualTo(id);
        assertThatThrownBy(() -> publisher.publish(Publication.to(TOPIC).id(id).data("cancelled")))
                .isInstanceOf(DuplicateIdException.class);

        MetricsScrape metrics = MetricsScrape.of(getBaseUri());
        assertThat(metrics.value("ssehub_updates_published_total{outcome=\"accepted\"}")).isEqualTo(1);
        assertThat(metrics.value("ssehub_updates_published_total{outcome=\"duplicate\"}")).isEqualTo(1);
        assertThat(metrics.value("ssehub_updates_published_total{outcome=\"rejected\"}")).isEqualTo(1);
    }

    @Test
    void whatAPublishRequestWouldBeRefusedForIsRefusedNamingTheField() {
        assertThatThrownBy(() -> publisher.publish(Publication.to(TOPIC).id("#fragment")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("id: ");
        assertThatThrownBy(() -> publisher.publish(Publication.to(TOPIC).type("order\nid: forged")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("type: ");
        assertThatThrownBy(() -> publisher.publish(Publication.to("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("topic: ");
        assertThatThrownBy(() -> publisher.publish(Publication.to(TOPIC).retry(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retry: ");

        assertThat(MetricsScrape.of(getBaseUri()).value("ssehub_updates_published_total{outcome=\"rejected\"}")).isEqualTo(4);
    }
}
