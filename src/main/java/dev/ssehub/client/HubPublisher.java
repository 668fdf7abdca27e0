package dev.ssehub.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes to a hub with a form POST. Failures that may be passing (no connection, 5xx, 429) are
 * retried with back-off; the publication keeps its id across tries, so a retry after a lost answer
 * does not publish twice.
 */
public final class HubPublisher {

    private final WebTarget hub;
    private final String token;
    private final int attempts;
    private final Backoff backoff;

    public HubPublisher(Client client, URI hub, String token) {
        this(client, hub, token, 5, Duration.ofMillis(200));
    }

    public HubPublisher(Client client, URI hub, String token, int attempts, Duration firstDelay) {
        this.hub = client.target(Objects.requireNonNull(hub, "hub"));
        this.token = Objects.requireNonNull(token, "token");
        this.attempts = attempts;
        this.backoff = new Backoff(firstDelay, Duration.ofSeconds(10));
    }

    /** Publishes and returns the update's id as the hub acknowledged it. */
    public String publish(Publication publication) {
        Form form = new Form();
        publication.topics().forEach(topic -> form.param("topic", topic));
        form.param("data", publication.data()).param("id", publication.id());
        if (publication.type() != null) {
            form.param("type", publication.type());
        }
        if (publication.retry() != null) {
            form.param("retry", Long.toString(publication.retry()));
        }
        if (publication.isPrivate()) {
            form.param("private", "on");
        }
        PublishException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                sleep(backoff.delay(attempt - 1));
            }
            try (Response response = hub.request().header("Authorization", "Bearer " + token).post(Entity.form(form))) {
                String body = response.readEntity(String.class);
                int status = response.getStatus();
                if (status == 200) {
                    return body.strip();
                }
                last = new PublishException(status, "the hub answered " + status + ": " + body.strip(), null);
                if (status < 500 && status != 429) {
                    throw last;
                }
            } catch (ProcessingException e) {
                last = new PublishException(0, "the hub could not be reached: " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(0, "interrupted while waiting to retry", e);
        }
    }
}
