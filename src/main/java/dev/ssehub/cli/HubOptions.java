package dev.ssehub.cli;

import dev.ssehub.auth.TokenIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the hub is and how to prove who we are: options shared by publish and subscribe. */
final class HubOptions {

    @Option(names = "--hub", paramLabel = "<url>", defaultValue = "${env:SSEHUB_HUB:-http://localhost:8080/.well-known/mercure}",
            description = "the hub's URL (SSEHUB_HUB, default: ${DEFAULT-VALUE})")
    URI hub;

    @Option(names = "--token", paramLabel = "<jwt>", description = "a token to present")
    String token;

    @Option(names = "--jwt-key", paramLabel = "<secret>", defaultValue = "${env:SSEHUB_JWT_KEY}",
            description = "an HS256 secret to mint a short-lived token with instead (SSEHUB_JWT_KEY)")
    String jwtKey;

    /** The token to present: the given one, or one minted for exactly these rights; null for none. */
    String token(List<String> publish, List<String> subscribe) {
        if (token != null) {
            return token;
        }
        if (jwtKey == null || jwtKey.isEmpty()) {
            return null;
        }
        return new TokenIssuer(jwtKey).issue(publish, subscribe, Duration.ofHours(1));
    }
}
