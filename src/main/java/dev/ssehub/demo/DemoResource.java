package dev.ssehub.demo;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.protocol.Refusal;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo page, and a short-lived token that lets it publish to {@code demo/notifications} only,
 * so the page never holds a key.
 */
@Path("/")
public final class DemoResource {

    private static final Duration PAGE_TOKEN_LIFETIME = Duration.ofHours(1);

    private final Optional<TokenIssuer> issuer;

    /** @param issuer empty when the demo is off or the hub has no secret to mint tokens with */
    public DemoResource(Optional<TokenIssuer> issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public InputStream page() {
        return DemoResource.class.getResourceAsStream("index.html");
    }

    @GET
    @Path("demo/token")
    @Produces(MediaType.APPLICATION_JSON)
    public String token() {
        String token = issuer.orElseThrow(() -> Refusal.of(404, "path", "the demo is off, or the hub has no key to mint tokens with"))
                .issue(List.of(DemoPublishers.NOTIFICATIONS), List.of(), PAGE_TOKEN_LIFETIME);
        return Json.createObjectBuilder().add("token", token).add("topic", DemoPublishers.NOTIFICATIONS).build().toString();
    }
}
