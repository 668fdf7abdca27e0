package dev.ssehub.example;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The orders example on the Open Liberty server the build starts for the integration tests. */
final class OrdersExample {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private OrdersExample() {
    }

    /** Its base URI, once the application answers; fails when the build started no such server. */
    static URI started() throws IOException, InterruptedException {
        String uri = System.getProperty("ssehub.liberty.orders.uri");
        if (uri == null) {
            throw new IllegalStateException("ssehub.liberty.orders.uri is not set: run with `mvn verify`, which starts the example's Liberty");
        }
        URI base = URI.create(uri);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                // Without a session the list is refused: the application is up.
                status = HTTP.send(HttpRequest.newBuilder(base.resolve("api/orders")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401) {
                    return base;
                }
            } catch (IOException e) {
                status = -1;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the orders example did not answer within " + STARTUP.toSeconds() + " s (last status " + status + ")");
    }
}
