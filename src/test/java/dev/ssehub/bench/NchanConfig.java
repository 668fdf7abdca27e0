package dev.ssehub.bench;

import java.nio.file.Path;

/**
 * nginx's configuration for Nchan under the bench: one pub/sub location on 127.0.0.1, run in the
 * foreground by the driver (master process on, daemon off, so the driver owns the master and the
 * master its workers), with every path under the bench's own directory.
 *
 * <p>{@code workers} is the number of cores the hub's JVM sees, so that both may use the same
 * cores: the hub sizes its selector and writer threads by that number, nginx serves each worker
 * on one thread. The channel keeps as many messages as the hub's history and for as long, and in
 * shared memory large enough for them, so that no subscriber misses one because it was evicted;
 * a new subscriber starts at the newest message, as a Mercure subscriber without
 * {@code Last-Event-ID} does; the ping is a bare comment every heartbeat, like the hub's.
 */
record NchanConfig(Path dir, Path module, int port, int workers, int openFiles) {

    /** The channel of topic T is {@code /channel/T}. */
    static final String CHANNEL_PREFIX = "/channel/";
    /** Room for the listening socket, logs, shared memory and the workers' pipes to each other. */
    private static final int RESERVED_FILES = 100;
    private static final String SHARED_MEMORY = "256M";

    int workerConnections() {
        return openFiles - RESERVED_FILES;
    }

    String render() {
        return String.join("\n",
                "# Written by dev.ssehub.bench.BenchDriver for one run; see NchanConfig for why each setting is what it is.",
                "load_module " + module + ";",
                "daemon off;",
                "master_process on;",
                "worker_processes " + workers + ";",
                "worker_rlimit_nofile " + openFiles + ";",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "events {",
                "    worker_connections " + workerConnections() + ";",
                "}",
                "http {",
                "    access_log off;",
                "    client_body_temp_path " + dir.resolve("body") + ";",
                "    proxy_temp_path " + dir.resolve("proxy") + ";",
                "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "    scgi_temp_path " + dir.resolve("scgi") + ";",
                // The hub's write timeout: a subscriber that takes nothing for this long is closed.
                "    send_timeout 10s;",
                "    nchan_shared_memory_size " + SHARED_MEMORY + ";",
                "    server {",
                // reuseport: the kernel spreads connections over the workers evenly.
                "        listen 127.0.0.1:" + port + " reuseport;",
                "        location ~ ^" + CHANNEL_PREFIX + "(.+)$ {",
                "            nchan_pubsub;",
                "            nchan_channel_id $1;",
                "            nchan_message_buffer_length " + HubSettings.HISTORY_SIZE + ";",
                "            nchan_message_timeout 24h;",
                "            nchan_subscriber_first_message newest;",
                "            nchan_eventsource_ping_interval " + HubSettings.HEARTBEAT_SECONDS + ";",
                "            nchan_eventsource_ping_event \"\";",
                "        }",
                "    }",
                "}",
                "");
    }
}
