package dev.ssehub.example.orders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The topics of a customer's orders: one per order, all matched by the customer's template. */
final class CustomerTopics {

    private static final String BASE = "https://orders.example/customers/";

    private CustomerTopics() {
    }

    static String order(String customer, long id) {
        return BASE + encode(customer) + "/orders/" + id;
    }

    /** The selector a customer's browser subscribes with, and that its token lets it receive. */
    static String everyOrderOf(String customer) {
        return BASE + encode(customer) + "/orders/{id}";
    }

    private static String encode(String customer) {
        return URLEncoder.encode(customer, StandardCharsets.UTF_8);
    }
}
