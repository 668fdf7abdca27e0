package dev.ssehub.standalone;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** Starts the standalone hub: {@code --x-y} flags override {@code SSEHUB_X_Y} variables. */
public final class Main {

    private static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
        Settings settings;
        try {
            settings = parse(args, System.getenv());
        } catch (CommandLine.ParameterException | InvalidSettingException e) {
            System.err.println("ssehub: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (settings == null) {
            return;
        }
        StandaloneServer server;
        try {
            server = StandaloneServer.start(settings);
        } catch (UncheckedIOException e) {
            System.err.println("ssehub: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ssehub-shutdown"));
        printBanner(System.out, settings, server.port());
        Thread.currentThread().join();
    }

    /** The settings from flags over environment over defaults; null when only help was asked for. */
    static Settings parse(String[] args, Map<String, String> environment) {
        CommandSpec spec = CommandSpec.create().name("ssehub").mixinStandardHelpOptions(true);
        spec.usageMessage().description("A Server-Sent Events hub speaking the Mercure protocol.");
        for (Setting setting : Setting.values()) {
            spec.addOption(OptionSpec.builder(setting.flag())
                    .paramLabel("<value>")
                    .type(String.class)
                    .description(setting.description() + " (" + setting.environmentVariable() + ", default: "
                            + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()) + ")")
                    .build());
        }
        CommandLine commandLine = new CommandLine(spec);
        ParseResult result = commandLine.parseArgs(args);
        if (CommandLine.printHelpIfRequested(result)) {
            return null;
        }
        Map<Setting, String> raw = Settings.rawValues(environment, System.getProperties()::getProperty);
        for (Setting setting : Setting.values()) {
            String flag = result.matchedOptionValue(setting.flag(), null);
            if (flag != null) {
                raw.put(setting, flag);
            }
        }
        return Settings.from(raw);
    }

    private static void printBanner(PrintStream out, Settings settings, int port) {
        String hub = "http://localhost:" + port + "/.well-known/mercure";
        out.println();
        out.println("ssehub is listening on http://localhost:" + port + "/" + (settings.demo() ? " (demo page)" : ""));
        if (settings.keyGenerated()) {
            String token = new TokenIssuer(settings.publisherKey()).issue(List.of("*"), List.of("*"), Duration.ofDays(1));
            out.println("No key was configured, so this run uses a random one. A token valid for 24 hours:");
            out.println("  TOKEN=" + token);
            out.println("Subscribe:  curl -N '" + hub + "?topic=demo/notifications'");
            out.println("Publish:    curl -H \"Authorization: Bearer $TOKEN\" -d topic=demo/notifications -d data=hello " + hub);
        }
        out.println();
    }
}
