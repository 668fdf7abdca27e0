package dev.ssehub.bench;

/**
 * What a thread of a publish run's server does, told by its name, so that the CPU a publish costs
 * where it is served is set apart from what the JVM spends compiling and collecting.
 */
enum ThreadRole {

    /** Grizzly's selector and worker threads, where a request is read, served and answered; every nginx process. */
    REQUEST("cpu_request_s"),
    /** HotSpot's C1 and C2 compiler threads. */
    JIT("cpu_jit_s"),
    /** The garbage collector's threads. */
    GC("cpu_gc_s"),
    /** The rest: the hub's own threads (dispatcher, log), the VM's housekeeping. */
    OTHER("cpu_other_s");

    private final String cpuKey;

    ThreadRole(String cpuKey) {
        this.cpuKey = cpuKey;
    }

    /** The result's key for this role's CPU seconds. */
    String cpuKey() {
        return cpuKey;
    }

    /** The role of a thread by its name as /proc gives it (at most 15 characters); a server not on a JVM only serves. */
    static ThreadRole of(String name, boolean jvm) {
        if (!jvm || name.startsWith("grizzly-")) {
            return REQUEST;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        return OTHER;
    }
}
