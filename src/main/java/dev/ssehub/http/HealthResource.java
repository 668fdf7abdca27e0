package dev.ssehub.http;

import dev.ssehub.log.EventLog;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Liveness and readiness for load balancers and orchestrators: ready means the log takes updates. */
@Path("/{probe: healthz|readyz}")
public final class HealthResource {

    private final EventLog log;

    public HealthResource(EventLog log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response probe(@PathParam("probe") String probe) {
        if (probe.equals("healthz")) {
            return Response.ok(Json.createObjectBuilder().add("status", "up").build().toString()).build();
        }
        boolean ready = log.isReady();
        String body = Json.createObjectBuilder()
                .add("status", ready ? "ready" : "not ready")
                .add("log", ready ? "reachable" : "unreachable")
                .build().toString();
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(body).build();
    }
}
