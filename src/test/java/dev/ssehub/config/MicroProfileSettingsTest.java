package dev.ssehub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;

/**
 * Settings as an app server with MicroProfile Config hands them to an application that embeds the
 * hub, through a real implementation (SmallRye Config) and a class loader of the application's own.
 */
class MicroProfileSettingsTest {

    @Test
    void theApplicationsMicroProfileConfigSetsTheHub() throws Exception {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("ssehub.path", "/updates", "ssehub.heartbeat", "7s"), "application", 100))
                .build();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[0], before)) {
            ConfigProviderResolver.instance().registerConfig(config, application);
            thread.setContextClassLoader(application);
            Settings settings = Settings.fromEnvironment();
            assertThat(settings.path()).isEqualTo("/updates");
            assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(7));
        } finally {
            thread.setContextClassLoader(before);
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
