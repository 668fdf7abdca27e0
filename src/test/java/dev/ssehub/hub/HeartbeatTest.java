package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatTest extends HubTest {

    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.HEARTBEAT, HEARTBEAT.toMillis() + "ms");
    }

    @Test
    void idleStreamsGetAHeartbeatComment() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=quiet")).connected()) {
            RawEventStream.Event heartbeat = stream.next(HEARTBEAT.multipliedBy(2));
            assertThat(heartbeat).isNotNull();
            assertThat(heartbeat.isComment()).isTrue();
        }
    }
}
