package dev.ssehub.cli;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.tls.SelfSignedCertificate;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code ssehub serve}: the standalone hub. Its options are made from {@link Setting}, so every
 * setting has a flag ({@code --history-size}) that wins over its variable ({@code SSEHUB_HISTORY_SIZE}).
 */
final class ServeCommand {

    private ServeCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("serve").mixinStandardHelpOptions(true);
        spec.usageMessage().description("Run the hub on Grizzly until stopped.");
        for (Setting setting : Setting.values()) {
            if (setting == Setting.PATH) {
                continue; // only an application that embeds the hub chooses its path
            }
            spec.addOption(OptionSpec.builder(setting.flag())
                    .paramLabel("<value>")
                    .type(String.class)
                    .description(setting.description() + " (" + setting.environmentVariable() + ", default: "
                            + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()) + ")")
                    .build());
        }
        return spec;
    }

    /** The settings from the parsed flags over the environment over the defaults. */
    static Settings settings(ParseResult serve, Map<String, String> environment) {
        Map<Setting, String> raw = Settings.rawValues(environment, System.getProperties()::getProperty);
        for (Setting setting : Setting.values()) {
            String flag = serve.matchedOptionValue(setting.flag(), null);
            if (flag != null) {
                raw.put(setting, flag);
            }
        }
        return Settings.from(raw);
    }

    static int run(ParseResult serve, Map<String, String> environment, PrintStream out, PrintStream err) throws InterruptedException {
        Settings settings;
        StandaloneServer server;
        try {
            settings = settings(serve, environment);
            server = StandaloneServer.start(settings);
        } catch (InvalidSettingException e) {
            err.println("ssehub: " + e.getMessage());
            return Cli.EXIT_USAGE;
        } catch (UncheckedIOException e) {
            err.println("ssehub: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ssehub-shutdown"));
        printBanner(out, settings, server);
        Thread.currentThread().join();
        return Cli.EXIT_OK;
    }

    private static void printBanner(PrintStream out, Settings settings, StandaloneServer server) {
        String base = settings.cleartext() ? "http://localhost:" + server.port() + "/" : "https://localhost:" + server.httpsPort() + "/";
        String hub = base + ".well-known/mercure";
        out.println();
        if (settings.cleartext()) {
            out.println("ssehub is listening on http://localhost:" + server.port() + "/" + (settings.demo() ? " (demo page)" : ""));
        }
        server.tlsIdentity().ifPresent(identity -> {
            String https = "https://localhost:" + server.httpsPort() + "/";
            out.println("ssehub is listening on " + https + " (HTTP/2)" + (settings.demo() ? " (demo page)" : ""));
            if (identity.isSelfSigned()) {
                Path certificate = settings.tls().orElseThrow().certificate();
                out.println("Its certificate, " + certificate + ", is self-signed: browsers warn about it until told to trust it:");
                SelfSignedCertificate.trustHints(certificate, https).forEach(hint -> out.println("  " + hint));
            }
        });
        if (settings.keyGenerated()) {
            String token = new TokenIssuer(settings.publisherSecret().orElseThrow()).issue(List.of("*"), List.of("*"), Duration.ofDays(1));
            out.println("No key was configured, so this run uses a random one. A token valid for 24 hours:");
            out.println("  TOKEN=" + token);
            out.println("Subscribe:  curl -N '" + hub + "?topic=demo/notifications'" + (settings.cleartext() ? "" : "  (with --cacert for a self-signed certificate)"));
            out.println("Publish:    curl -H \"Authorization: Bearer $TOKEN\" -d topic=demo/notifications -d data=hello " + hub);
        }
        out.println();
    }
}
