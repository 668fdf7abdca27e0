package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.protocol.AccessLog;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One line per request on its own logger, and never a token from the query, a header or a cookie. */
class RequestLogTest extends HubTest {

    private static final Logger REQUEST_LOG = Logger.getLogger("dev.ssehub.http.RequestLog");

    private final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;
    private boolean parentHandlersBefore;

    @BeforeEach
    void captureRequestLog() {
        levelBefore = REQUEST_LOG.getLevel();
        parentHandlersBefore = REQUEST_LOG.getUseParentHandlers();
        REQUEST_LOG.setLevel(Level.INFO);
        REQUEST_LOG.setUseParentHandlers(false);
        REQUEST_LOG.addHandler(capture);
    }

    @AfterEach
    void restoreRequestLog() {
        REQUEST_LOG.removeHandler(capture);
        REQUEST_LOG.setLevel(levelBefore);
        REQUEST_LOG.setUseParentHandlers(parentHandlersBefore);
    }

    @Test
    void logsMethodPathStatusAndDurationOfEachRequest() throws Exception {
        String token = publisherToken();
        publishOk("https://example.com/logged", "data");
        try (Response missing = target("no-such-page").queryParam("authorization", token).request().get()) {
            assertThat(missing.getStatus()).isEqualTo(404);
        }
        assertThat(nextLine()).matches("event=request method=POST path=/\\.well-known/mercure status=200 duration_ms=\\d+");
        assertThat(nextLine()).matches("event=request method=GET path=/no-such-page status=404 duration_ms=\\d+");
        assertThat(records.poll(200, TimeUnit.MILLISECONDS)).as("one line per request").isNull();
    }

    @Test
    void logsAnEventStreamOnceAcceptedWithoutItsTokens() throws Exception {
        String token = token(List.of(), List.of("*"));
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t&authorization=" + token),
                "Cookie", "mercureAuthorization=" + token).connected()) {
            String line = nextLine();
            assertThat(line).matches("event=request method=GET path=/\\.well-known/mercure status=200 duration_ms=\\d+ stream=accepted");
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    @Test
    void isSilentWhenItsLoggerIsTurnedDown() throws Exception {
        REQUEST_LOG.setLevel(Level.WARNING);
        publishOk("https://example.com/quiet", "data");
        assertThat(records.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aPathWithLineBreaksOrControlCharactersStaysOnOneLine() throws Exception {
        AccessLog.request("GET", "/a\r\nevent=forged b\u0085\u00e9", 400, System.nanoTime(), false);
        assertThat(nextLine()).matches("event=request method=GET path=/a\\\\u000d\\\\u000aevent=forged\\\\u0020b\\\\u0085\\\\u00e9 status=400 duration_ms=\\d+");
    }

    private String nextLine() throws InterruptedException {
        LogRecord record = records.poll(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(record).as("a request log line").isNotNull();
        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        return record.getMessage();
    }
}
