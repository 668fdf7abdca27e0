package dev.ssehub.http;

import dev.ssehub.hub.Hub;
import dev.ssehub.log.EventLog;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Liveness and readiness for load balancers and orchestrators: ready means the log takes updates
 * and the hub is not draining, so a balancer stops sending subscribers to a hub that is stopping.
 */
@Path("/{probe: healthz|readyz}")
public final class HealthResource {

    private final EventLog log;
    private final Hub hub;

    public HealthResource(EventLog log, Hub hub) {
        this.log = log;
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response probe(@PathParam("probe") String probe) {
        if (probe.equals("healthz")) {
            return Response.ok(Json.createObjectBuilder().add("status", "up").build().toString()).build();
        }
        boolean reachable = log.isReady();
        boolean draining = hub.isDraining();
        boolean ready = reachable && !draining;
        String body = Json.createObjectBuilder()
                .add("status", ready ? "ready" : "not ready")
                .add("log", reachable ? "reachable" : "unreachable")
                .add("hub", draining ? "draining" : "running")
                .build().toString();
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(body).build();
    }
}
