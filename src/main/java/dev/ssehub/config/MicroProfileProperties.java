package dev.ssehub.config;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The hub's {@code ssehub.*} properties as MicroProfile Config resolves them for the application
 * that is starting: its {@code microprofile-config.properties}, the server's own sources (Open
 * Liberty's {@code server.xml} variables among them), system properties. Nothing of the API is
 * touched unless the application sees it: the standalone hub, and a server without MicroProfile
 * (the WAR's Liberty), load this class and fall back to system properties.
 */
final class MicroProfileProperties {

    private static final String PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

    private MicroProfileProperties() {
    }

    /** The application's MicroProfile Config as a property lookup, or empty where the server has none. */
    static Optional<Function<String, String>> ofThisApplication() {
        try {
            Class.forName(PROVIDER, false, MicroProfileProperties.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return lookup();
    }

    private static Optional<Function<String, String>> lookup() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (IllegalStateException | ServiceConfigurationError e) {
            // The API without an implementation: as good as no MicroProfile Config.
            return Optional.empty();
        }
        return Optional.of(name -> config.getOptionalValue(name, String.class).orElse(null));
    }
}
