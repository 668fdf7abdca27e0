package dev.ssehub.cli;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Durations;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssehub token}: mints an HS256 token for development. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint an HS256 token for development and print it.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--publish", paramLabel = "<selector>", arity = "1..*", description = "selectors the bearer may publish to")
    List<String> publish = List.of();

    @Option(names = "--subscribe", paramLabel = "<selector>", arity = "1..*", description = "selectors whose private updates the bearer may receive")
    List<String> subscribe = List.of();

    @Option(names = "--key", required = true, paramLabel = "<secret>", defaultValue = "${env:SSEHUB_JWT_KEY}",
            description = "the hub's HS256 secret (SSEHUB_JWT_KEY)")
    String key;

    @Option(names = "--ttl", paramLabel = "<duration>", defaultValue = "1h", description = "how long the token is valid: 30m, 1h, 24h (default: ${DEFAULT-VALUE})")
    String ttl;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(new TokenIssuer(key).issue(publish, subscribe, Durations.parse(ttl)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return Cli.EXIT_OK;
    }
}
