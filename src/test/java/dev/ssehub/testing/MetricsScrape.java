package dev.ssehub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * One read of a hub's {@code /metrics}: the body as sent, and each sample by its name and labels
 * exactly as written, e.g. {@code ssehub_updates_published_total{outcome="accepted"}}.
 */
public final class MetricsScrape {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String contentType;
    private final String body;
    private final Map<String, Double> samples = new LinkedHashMap<>();

    private MetricsScrape(String contentType, String body) {
        this.contentType = contentType;
        this.body = body;
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** Reads {@code /metrics} of the hub at this base URI. */
    public static MetricsScrape of(URI hubBase) {
        HttpRequest request = HttpRequest.newBuilder(hubBase.resolve("/metrics")).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
            }
            return new MetricsScrape(response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Scrapes until the sample satisfies the condition, failing with its last value after a while. */
    public static MetricsScrape awaitSample(URI hubBase, String sample, DoublePredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        MetricsScrape scrape = of(hubBase);
        while (!condition.test(scrape.value(sample)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = of(hubBase);
        }
        if (!condition.test(scrape.value(sample))) {
            throw new AssertionError(sample + " stayed at " + scrape.value(sample));
        }
        return scrape;
    }

    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    /** The sample's value; fails when the exposition has no such sample. */
    public double value(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError("no sample " + sample + " in:\n" + body);
        }
        return value;
    }
}
