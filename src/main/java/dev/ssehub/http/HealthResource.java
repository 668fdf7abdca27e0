package dev.ssehub.http;

import dev.ssehub.auth.ProviderKeys;
import dev.ssehub.hub.Hub;
import dev.ssehub.log.EventLog;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Liveness and readiness for load balancers and orchestrators: ready means the log takes updates,
 * the hub is not draining, and every identity provider's keys can be had, so a balancer stops
 * sending clients to a hub that is stopping or cannot check their tokens. What is not ready says why.
 */
@Path("/{probe: healthz|readyz}")
public final class HealthResource {

    private final EventLog log;
    private final Hub hub;
    private final List<ProviderKeys> providers;

    public HealthResource(EventLog log, Hub hub, List<ProviderKeys> providers) {
        this.log = log;
        this.hub = hub;
        this.providers = List.copyOf(providers);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response probe(@PathParam("probe") String probe) {
        if (probe.equals("healthz")) {
            return Response.ok(Json.createObjectBuilder().add("status", "up").build().toString()).build();
        }
        boolean reachable = log.isReady();
        boolean draining = hub.isDraining();
        List<ProviderKeys.Status> keySets = providers.stream().map(ProviderKeys::status).toList();
        boolean ready = reachable && !draining && keySets.stream().allMatch(ProviderKeys.Status::hasKeys);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("status", ready ? "ready" : "not ready")
                .add("log", reachable ? "reachable" : "unreachable")
                .add("hub", draining ? "draining" : "running");
        if (!keySets.isEmpty()) {
            JsonArrayBuilder jwks = Json.createArrayBuilder();
            keySets.forEach(keySet -> jwks.add(describe(keySet)));
            body.add("jwks", jwks);
        }
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(body.build().toString()).build();
    }

    private static JsonObjectBuilder describe(ProviderKeys.Status keySet) {
        JsonObjectBuilder described = Json.createObjectBuilder()
                .add("url", keySet.url())
                .add("keys", keySet.hasKeys() ? "cached" : "none")
                .add("provider", switch (keySet.provider()) {
                    case NOT_READ -> "not read";
                    case REACHABLE -> "reachable";
                    case UNREACHABLE -> "unreachable";
                });
        keySet.error().ifPresent(error -> described.add("error", error));
        return described;
    }
}
