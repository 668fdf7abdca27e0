package dev.ssehub.embed;

import dev.ssehub.RunningHub;
import dev.ssehub.client.Publication;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.HubClosedException;
import dev.ssehub.hub.HubMetrics.PublishOutcome;
import dev.ssehub.log.DuplicateIdException;
import dev.ssehub.log.LogUnavailableException;
import dev.ssehub.protocol.PublishedUpdate;
import dev.ssehub.protocol.Refusal;
import dev.ssehub.update.Update;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * Publishes from the application that embeds the hub, straight into its event log: no HTTP and no
 * token, but the same rules, ids, order, history, delivery and metrics as a publish request. Inject
 * it ({@code @Inject InProcessPublisher publisher}) or fire the {@link Publication} as a CDI event
 * to publish once the transaction commits ({@link PublishOnCommit}).
 */
@ApplicationScoped
public class InProcessPublisher {

    private static final Logger LOG = Logger.getLogger(InProcessPublisher.class.getName());

    private final Hub hub;

    /** The class loader's shared hub, as CDI makes it. */
    public InProcessPublisher() {
        this(RunningHub.shared().hub());
    }

    public InProcessPublisher(Hub hub) {
        this.hub = hub;
    }

    /**
     * Appends the publication to the log and returns its id once it has its place in the order;
     * delivery follows. Publishing the same publication again is acknowledged without a second
     * update, as a publish request's retry is.
     *
     * @throws IllegalArgumentException naming the field a publish request would be refused for
     * @throws DuplicateIdException when an update with its id but other content is in the history
     * @throws LogUnavailableException when the log cannot take updates now
     * @throws HubClosedException when the hub is stopping
     */
    public String publish(Publication publication) {
        Update update;
        try {
            update = PublishedUpdate.of(publication.topics(), publication.id(), publication.data(), publication.isPrivate(),
                    publication.type(), publication.retry());
        } catch (Refusal refusal) {
            hub.metrics().publishFailed(PublishOutcome.REJECTED);
            throw new IllegalArgumentException(refusal.field() + ": " + refusal.getMessage(), refusal);
        }
        try {
            String id = hub.publish(update).update().id();
            LOG.fine(() -> "event=published id=" + id + " topic=" + update.canonicalTopic() + " private=" + update.isPrivate() + " source=in_process");
            return id;
        } catch (DuplicateIdException e) {
            hub.metrics().publishFailed(PublishOutcome.REJECTED);
            throw e;
        } catch (RuntimeException e) {
            // What a publish request would answer with a 5xx: the log is down, the hub is stopping.
            hub.metrics().publishFailed(PublishOutcome.UNAVAILABLE);
            throw e;
        }
    }
}
