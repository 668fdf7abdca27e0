package dev.ssehub.example.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The shop's own JAX-RS application. It lists nothing, so the server takes every resource and
 * provider it finds in the WAR, the hub's library jar included: that jar carries no resources, so
 * none of the hub's paths land under {@code /api}.
 */
@ApplicationPath("/api")
public class OrdersApplication extends Application {
}
