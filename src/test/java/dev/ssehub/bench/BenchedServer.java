package dev.ssehub.bench;

import java.util.List;
import java.util.Optional;

/** A server under test, started for one run on a free loopback port: what the driver samples and stops. */
interface BenchedServer {

    int port();

    /** Its processes, for CPU, memory, threads and open files from /proc. */
    ProcessGroup processes();

    /** jcmd on its JVM; empty for a server that is not a JVM. */
    Optional<JvmDiagnostics> jvm();

    /** Its log so far, for counting cut-offs and errors. */
    String logText();

    /** The lines of its log that report a warning or an error. */
    List<String> warnings();

    /** How it ended, when it ended before it was asked to stop ("exit code 1"), or null if that is unknown. */
    String exitStatus();

    /** Asks it to stop, then kills it after a while; true when it had to be killed. */
    boolean stop();
}
