package dev.ssehub.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.RawEventStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orders example on Open Liberty (JPA on H2, JTA): a change is pushed to its customer's streams
 * when its transaction commits, and never when it rolls back.
 */
class OrdersOnCommitIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static URI base;

    @BeforeAll
    static void example() throws Exception {
        base = OrdersExample.started();
    }

    @Test
    void aCommittedOrderReachesEveryStreamOfItsCustomerAndNoOtherCustomers() throws Exception {
        Session alice = Session.logIn(customer("alice"));
        Session bob = Session.logIn(customer("bob"));
        try (RawEventStream aliceFirst = alice.subscribe(); RawEventStream aliceSecond = alice.subscribe(); RawEventStream bobs = bob.subscribe()) {
            HttpResponse<String> placed = alice.post("api/orders", "item=tea&quantity=2");
            assertThat(placed.statusCode()).isEqualTo(201);

            for (RawEventStream stream : List.of(aliceFirst, aliceSecond)) {
                RawEventStream.Event update = stream.nextUpdate(WAIT);
                assertThat(update).as("alice's order on her stream").isNotNull();
                assertThat(update.type()).isEqualTo("order-placed");
                assertThat(update.data()).isEqualTo(placed.body());
            }
            assertThat(bob.post("api/orders", "item=cocoa&quantity=1").statusCode()).isEqualTo(201);
            assertThat(bobs.nextUpdate(WAIT).data()).as("bob's first update is his own order").contains("\"item\":\"cocoa\"");
        }
    }

    @Test
    void theStreamsAreWhereTheApplicationsMicroProfileConfigPutsThem() throws Exception {
        Session alice = Session.logIn(customer("alice"));
        try (RawEventStream stream = alice.subscribe()) {
            assertThat(stream.status()).isEqualTo(200);
        }
        HttpResponse<Void> defaultPath = HTTP.send(HttpRequest.newBuilder(base.resolve(".well-known/mercure?topic=" + URLEncoder.encode(alice.topics(), StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").header("Cookie", alice.cookies()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(defaultPath.statusCode()).as("ssehub.path in microprofile-config.properties moved the hub off the default path").isEqualTo(404);
    }

    @Test
    void aRolledBackOrderIsNeitherStoredNorPushed() throws Exception {
        Session alice = Session.logIn(customer("alice"));
        try (RawEventStream stream = alice.subscribe()) {
            HttpResponse<String> refused = alice.post("api/orders", "item=gold&quantity=50");
            assertThat(refused.statusCode()).isEqualTo(409);
            HttpResponse<String> placed = alice.post("api/orders", "item=coffee&quantity=1");
            assertThat(placed.statusCode()).isEqualTo(201);

            // The order fired its update before its transaction rolled back; had the update gone out,
            // it would come before the later order's.
            assertThat(stream.nextUpdate(WAIT).data()).isEqualTo(placed.body());
            assertThat(alice.get("api/orders").body()).doesNotContain("gold").contains("coffee");
        }
    }

    @Test
    void aStatusChangeIsPushedAfterItsCommit() throws Exception {
        Session alice = Session.logIn(customer("alice"));
        try (RawEventStream stream = alice.subscribe()) {
            String placed = alice.post("api/orders", "item=tea&quantity=1").body();
            long id = Long.parseLong(placed.replaceAll(".*\"id\":(\\d+).*", "$1"));
            assertThat(stream.nextUpdate(WAIT).type()).isEqualTo("order-placed");

            HttpResponse<String> shipped = alice.send(HttpRequest.newBuilder(base.resolve("api/orders/" + id + "/status"))
                    .PUT(HttpRequest.BodyPublishers.ofString("shipped")).header("Content-Type", "text/plain"));
            assertThat(shipped.statusCode()).isEqualTo(200);

            RawEventStream.Event update = stream.nextUpdate(WAIT);
            assertThat(update.type()).isEqualTo("order-changed");
            assertThat(update.data()).isEqualTo(shipped.body()).contains("\"status\":\"shipped\"");
        }
    }

    @Test
    void withoutTheSessionsTokenTheStreamCarriesNoneOfTheCustomersOrders() throws Exception {
        Session alice = Session.logIn(customer("alice"));
        try (RawEventStream anonymous = RawEventStream.open(alice.streamUri()).connected(); RawEventStream hers = alice.subscribe()) {
            alice.post("api/orders", "item=tea&quantity=1");
            assertThat(hers.nextUpdate(WAIT)).isNotNull();
            assertThat(anonymous.nextUpdate(Duration.ofSeconds(1))).isNull();
        }
    }

    /** A customer of its own per test, so that the tests share no orders. */
    private static String customer(String name) {
        StringBuilder customer = new StringBuilder(name);
        ThreadLocalRandom.current().ints(8, 'a', 'z' + 1).forEach(letter -> customer.append((char) letter));
        return customer.toString();
    }

    /** A logged-in customer: the application's cookies, hub token included. */
    private record Session(String cookies, String topics) {

        static Session logIn(String customer) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("customer=" + customer))
                    .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("login: %s", response.body()).isEqualTo(200);
            String cookies = response.headers().allValues("Set-Cookie").stream()
                    .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                    .collect(Collectors.joining("; "));
            assertThat(cookies).contains("mercureAuthorization=");
            return new Session(cookies, response.body().replaceAll(".*\"topics\":\"([^\"]+)\".*", "$1"));
        }

        URI streamUri() {
            return base.resolve("updates?topic=" + URLEncoder.encode(topics, StandardCharsets.UTF_8));
        }

        RawEventStream subscribe() throws InterruptedException {
            return RawEventStream.open(streamUri(), "Cookie", cookies).connected();
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded"));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return HTTP.send(request.header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
