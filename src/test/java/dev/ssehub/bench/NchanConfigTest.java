package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The nginx configuration the bench runs Nchan with: what makes the comparison with the hub fair and the run safe. */
class NchanConfigTest {

    private final String config = new NchanConfig(Path.of("/tmp/bench/run-nchan"), Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so"),
            18080, 2, 20000).render();

    @Test
    void itListensOnLoopbackOnlyAndStaysInTheForegroundWithItsWorkers() {
        assertThat(config).containsOnlyOnce("listen ").contains("listen 127.0.0.1:18080 ");
        assertThat(config).contains("daemon off;", "master_process on;", "worker_processes 2;");
        assertThat(config).contains("pid /tmp/bench/run-nchan/nginx.pid;", "client_body_temp_path /tmp/bench/run-nchan/body;");
    }

    @Test
    void everyWorkerMayHoldAllSubscribersWithinItsOpenFileLimit() {
        int connections = number("worker_connections (\\d+);");
        int files = number("worker_rlimit_nofile (\\d+);");
        assertThat(files).isEqualTo(20000);
        assertThat(connections).isGreaterThanOrEqualTo(19_000 + 1).isLessThan(files);
    }

    @Test
    void theChannelKeepsWhatTheHubKeepsAndStartsNewSubscribersAtTheNewestMessage() {
        assertThat(number("nchan_message_buffer_length (\\d+);")).isEqualTo(HubSettings.HISTORY_SIZE);
        assertThat(number("nchan_eventsource_ping_interval (\\d+);")).isEqualTo(HubSettings.HEARTBEAT_SECONDS);
        assertThat(config).contains("nchan_subscriber_first_message newest;", "nchan_pubsub;", "nchan_eventsource_ping_event \"\";");
        assertThat(config).contains("location ~ ^" + NchanConfig.CHANNEL_PREFIX + "(.+)$");
    }

    private int number(String regex) {
        Matcher m = Pattern.compile(regex).matcher(config);
        assertThat(m.find()).as(regex).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
