package dev.ssehub.embed;

import dev.ssehub.client.Publication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Publishes every {@link Publication} fired as a CDI event ({@code Event<Publication>.fire}) once
 * the JTA transaction it was fired in has committed, and never when it rolls back. Fired outside a
 * transaction, it is published at once, as CDI notifies transactional observers then.
 *
 * <p>The append runs on the committing thread after the commit, so the code that committed returns
 * once the update has its place in the log. The transaction cannot be undone by then: if the log
 * refuses the update (it is down, or the hub is stopping), the update is lost, the failure is
 * logged as one line naming the update's id and topic, and counted as
 * {@code ssehub_updates_published_total{outcome="unavailable"}}; the committing code sees no
 * exception. What reached the log is delivered as any update is.
 */
@ApplicationScoped
public class PublishOnCommit {

    private static final Logger LOG = Logger.getLogger(PublishOnCommit.class.getName());

    @Inject
    InProcessPublisher publisher;

    void publishCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Publication publication) {
        try {
            publisher.publish(publication);
        } catch (RuntimeException e) {
            LOG.warning("event=publish_after_commit_failed id=" + publication.id() + " topic=" + publication.topics().get(0)
                    + " error=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
