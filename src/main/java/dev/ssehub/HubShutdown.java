package dev.ssehub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;

/**
 * On an app server, closes the hub when the application stops or is redeployed. JAX-RS gives an
 * {@code Application} no end of life, and open event streams would otherwise hold the stop until
 * the server gives up on them while their clients stay attached to an instance that is gone. CDI
 * is the hook every Jakarta EE server with JAX-RS has; the standalone hub never loads this class.
 */
@ApplicationScoped
public class HubShutdown {

    void closeHubs(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationEnding) {
        RunningHub.closeAll();
    }
}
