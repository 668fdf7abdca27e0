package dev.ssehub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.logging.LogManager;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** {@code ssehub}: serve a hub, publish, subscribe, mint tokens. Exit codes: 0 ok, 1 usage, 2 server error. */
@Command(name = "ssehub", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "A Server-Sent Events hub speaking the Mercure protocol, and a client for it.",
        subcommands = {PublishCommand.class, SubscribeCommand.class, TokenCommand.class, CertCommand.class},
        exitCodeOnInvalidInput = Cli.EXIT_USAGE, exitCodeOnExecutionException = Cli.EXIT_FAILURE)
public final class Cli {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 1;
    static final int EXIT_FAILURE = 2;

    public static void main(String[] args) throws IOException {
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        // An operator's own file (-Djava.util.logging.config.file=...), e.g. to quiet the request log, wins.
        if (System.getProperty("java.util.logging.config.file") == null) {
            try (InputStream logging = Cli.class.getResourceAsStream("logging.properties")) {
                LogManager.getLogManager().readConfiguration(logging);
            }
        }
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Cli());
        cli.addSubcommand("serve", new CommandLine(ServeCommand.spec()));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((exception, arguments) -> {
            err.println("ssehub: " + exception.getMessage());
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((exception, command, parseResult) -> {
            err.println("ssehub: " + exception.getMessage());
            return EXIT_FAILURE;
        });
        cli.setExecutionStrategy(parseResult -> {
            ParseResult serve = parseResult.subcommand();
            if (serve != null && serve.commandSpec().name().equals("serve") && !serve.isUsageHelpRequested() && !serve.isVersionHelpRequested()) {
                try {
                    return ServeCommand.run(serve, environment, out, err);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return EXIT_OK;
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli.execute(args);
    }

    /** The version the jar's manifest carries; unknown when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"ssehub " + (version == null ? "(development build)" : version)};
        }
    }
}
