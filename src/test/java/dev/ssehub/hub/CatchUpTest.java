package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatchUpTest extends HubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int HISTORY = 50;

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.HISTORY_SIZE, Integer.toString(HISTORY));
    }

    /** Each test has topics of its own, so a hub shared by many tests (as on Liberty) does not mix them. */
    private final String t = "catch-up/" + UUID.randomUUID();

    @Test
    void resumesAfterTheLastEventIdHeaderAndSaysWhereItResumed() throws Exception {
        List<String> ids = publishMany(t, 5);
        publishOk(t + "/other", "not subscribed");
        try (RawEventStream stream = RawEventStream.open(topic(t), "Last-Event-ID", ids.get(1))) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue(ids.get(1));
            assertThat(dataOf(stream, 3)).containsExactly("2", "3", "4");
            assertThat(stream.nextUpdate(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() throws Exception {
        List<String> ids = publishMany(t, 4);
        URI withQuery = URI.create(topic(t) + "&lastEventID=" + ids.get(0));
        try (RawEventStream stream = RawEventStream.open(withQuery, "Last-Event-ID", ids.get(2))) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue(ids.get(2));
            assertThat(dataOf(stream, 1)).containsExactly("3");
        }
        try (RawEventStream stream = RawEventStream.open(withQuery)) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue(ids.get(0));
            assertThat(dataOf(stream, 3)).containsExactly("1", "2", "3");
        }
    }

    @Test
    void earliestReplaysTheWholeHistory() throws Exception {
        publishMany(t, 3);
        try (RawEventStream stream = RawEventStream.open(URI.create(topic(t) + "&lastEventID=earliest"))) {
            assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue("earliest");
            assertThat(dataOf(stream, 3)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void anUnknownOrEvictedIdReplaysAllThatIsKeptAndSaysEarliest() throws Exception {
        List<String> ids = publishMany(t, HISTORY + 10);
        for (String lost : List.of(ids.get(0), "never-published")) {
            try (RawEventStream stream = RawEventStream.open(topic(t), "Last-Event-ID", lost)) {
                assertThat(stream.headers().firstValue("Last-Event-ID")).hasValue("earliest");
                List<String> replayed = dataOf(stream, HISTORY);
                assertThat(replayed.get(0)).isEqualTo("10");
                assertThat(replayed.get(HISTORY - 1)).isEqualTo(Integer.toString(HISTORY + 9));
            }
        }
    }

    @Test
    void resumingFromTheNewestIdGivesOnlyWhatFollows() throws Exception {
        List<String> ids = publishMany(t, 3);
        try (RawEventStream stream = RawEventStream.open(topic(t), "Last-Event-ID", ids.get(2)).connected()) {
            publishOk(t, "live");
            assertThat(dataOf(stream, 1)).containsExactly("live");
        }
    }

    private List<String> publishMany(String topic, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(publishOk(topic, Integer.toString(i)));
        }
        return Collections.unmodifiableList(ids);
    }

    private static List<String> dataOf(RawEventStream stream, int count) throws InterruptedException {
        List<String> data = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawEventStream.Event event = stream.nextUpdate(WAIT);
            assertThat(event).as("event %d of %d", i + 1, count).isNotNull();
            data.add(event.data());
        }
        return data;
    }

    private URI topic(String topic) {
        return URI.create(hubUri() + "?topic=" + java.net.URLEncoder.encode(topic, java.nio.charset.StandardCharsets.UTF_8));
    }
}
