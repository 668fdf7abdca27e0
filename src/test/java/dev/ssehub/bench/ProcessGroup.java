package dev.ssehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What /proc says about the processes of one server under test, summed over them: a JVM is one
 * process; nginx is a master and the workers it forks, found afresh at every sample because a
 * worker that dies is replaced.
 */
final class ProcessGroup {

    /** Clock ticks per second of /proc/[pid]/stat; 100 on every Linux this runs on. */
    static final long CLOCK_TICKS = 100;

    private final long leader;
    private final boolean withChildren;

    private ProcessGroup(long leader, boolean withChildren) {
        this.leader = leader;
        this.withChildren = withChildren;
    }

    static ProcessGroup of(long pid) {
        return new ProcessGroup(pid, false);
    }

    static ProcessGroup withChildren(long pid) {
        return new ProcessGroup(pid, true);
    }

    boolean isAlive() {
        return Files.exists(Path.of("/proc", Long.toString(leader), "stat")) && !"Z".equals(state(leader));
    }

    /** The leader, then its children. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(leader));
        if (!withChildren) {
            return pids;
        }
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] fields = statFields(entry.resolve("stat"));
                // fields[0] is field 3 (state), fields[1] field 4 (the parent's pid).
                if (fields != null && Long.parseLong(fields[1]) == leader) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc could not be listed: the leader alone
        }
        return pids;
    }

    /** utime + stime summed over the processes, in clock ticks; -1 once the leader is gone. */
    long cpuTicks() {
        if (!isAlive()) {
            return -1;
        }
        long sum = 0;
        for (long pid : pids()) {
            CpuTicks t = ticks(Path.of("/proc", Long.toString(pid), "stat"));
            sum += t == null ? 0 : t.total();
        }
        return sum;
    }

    /** A thread's or process's CPU time in clock ticks: in user space (utime) and in the kernel on its behalf (stime). */
    record CpuTicks(long user, long system) {

        static final CpuTicks NONE = new CpuTicks(0, 0);

        long total() {
            return user + system;
        }

        CpuTicks since(CpuTicks earlier) {
            return new CpuTicks(user - earlier.user, system - earlier.system);
        }

        CpuTicks plus(CpuTicks other) {
            return new CpuTicks(user + other.user, system + other.system);
        }
    }

    /**
     * CPU ticks per thread, keyed by "tid name". A thread is named by its {@code comm}, except the
     * only thread of a single-threaded process, which is named by the process title (nginx's
     * "nginx: worker process"), since all of nginx's processes share one {@code comm}.
     */
    Map<String, CpuTicks> threadTicks() {
        Map<String, CpuTicks> ticks = new HashMap<>();
        for (long pid : pids()) {
            Path tasks = Path.of("/proc", Long.toString(pid), "task");
            List<Path> threads;
            try (var list = Files.list(tasks)) {
                threads = list.toList();
            } catch (IOException gone) {
                continue;
            }
            String title = threads.size() == 1 ? title(pid) : null;
            for (Path task : threads) {
                try {
                    String name = title != null ? title : Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                    CpuTicks t = ticks(task.resolve("stat"));
                    if (t != null) {
                        ticks.put(task.getFileName() + " " + name, t);
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** A field of /proc/[pid]/status in kB or as a count (VmRSS, VmHWM, Threads), summed; -1 if unknown. */
    long status(String field) {
        long sum = -1;
        for (long pid : pids()) {
            long value = statusOf(pid, field);
            if (value >= 0) {
                sum = Math.max(sum, 0) + value;
            }
        }
        return sum;
    }

    /**
     * Proportional set size in kB, summed: pages shared between the processes (nginx's shared
     * memory zone) counted once, where the sum of RSS counts them in every process; -1 if unknown.
     */
    long pssKb() {
        long sum = -1;
        for (long pid : pids()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        sum = Math.max(sum, 0) + Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended or hides its maps
            }
        }
        return sum;
    }

    /** Open file descriptors, summed; -1 if unknown. */
    long openFiles() {
        long sum = -1;
        for (long pid : pids()) {
            try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                sum = Math.max(sum, 0) + list.count();
            } catch (IOException | RuntimeException gone) {
                // the process ended
            }
        }
        return sum;
    }

    private static long statusOf(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return -1;
    }

    private static String title(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            // The title without the arguments after it: "nginx: master process /usr/sbin/nginx -c ..." is "nginx: master process".
            String title = cmdline.replace('\0', ' ').replaceFirst(" /.*$", "").strip();
            return title.isEmpty() ? null : title;
        } catch (IOException gone) {
            return null;
        }
    }

    private static String state(long pid) {
        String[] fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        return fields == null ? null : fields[0];
    }

    /** Null once the process or thread is gone. */
    private static CpuTicks ticks(Path stat) {
        String[] fields = statFields(stat);
        // utime and stime are fields 14 and 15.
        return fields == null ? null : new CpuTicks(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    /** The fields of a stat file after the command name, which may itself hold spaces: fields[0] is field 3. */
    private static String[] statFields(Path stat) {
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
