package dev.ssehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code jcmd} tells about a server that runs on a JVM: its heap, thread dumps, a full GC on request. */
final class JvmDiagnostics {

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final String jcmd;
    private final long pid;

    JvmDiagnostics(String jcmd, long pid) {
        this.jcmd = jcmd;
        this.pid = pid;
    }

    /** Heap used and committed in KiB from {@code jcmd GC.heap_info}, or null. */
    long[] heapKb() {
        String out = run("GC.heap_info");
        if (out == null) {
            return null;
        }
        Matcher m = HEAP.matcher(out);
        return m.find() ? new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))} : null;
    }

    /** Runs one jcmd command against the JVM; null on failure. Bounded to 30 s. */
    String run(String... command) {
        List<String> full = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
        full.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
