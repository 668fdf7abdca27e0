package dev.ssehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void flagsOverrideEnvironmentVariables() {
        CommandLine.ParseResult parsed = new CommandLine(ServeCommand.spec()).parseArgs("--heartbeat", "5s", "--history-size=42");
        Settings settings = ServeCommand.settings(parsed, Map.of("SSEHUB_HEARTBEAT", "10s", "SSEHUB_DEMO", "true"));
        assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.historySize()).isEqualTo(42);
        assertThat(settings.demo()).isTrue();
    }

    @Test
    void anInvalidSettingStopsTheStartWithOneClearLineAndExitCodeOne() throws Exception {
        Process process = java(Map.of("SSEHUB_HEARTBEAT", "soon"), "serve");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr).isEqualTo("ssehub: SSEHUB_HEARTBEAT (--heartbeat): 'soon' is not a duration; use e.g. 500ms, 30s, 2m");
    }

    @Test
    void helpListsEverySettingWithItsVariable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"serve", "--help"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--history-size").contains("SSEHUB_HISTORY_SIZE").contains("--cors-origins");
    }

    static Process java(Map<String, String> environment, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[4 + args.length];
        command[0] = java;
        command[1] = "-cp";
        command[2] = classpath;
        command[3] = Cli.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SSEHUB_"));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
