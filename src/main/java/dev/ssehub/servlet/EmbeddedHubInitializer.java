package dev.ssehub.servlet;

import dev.ssehub.RunningHub;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Mounts the hub's event streams in an application that has the hub's library jar in
 * {@code WEB-INF/lib}: every Jakarta EE web container runs the initializers its jars name in
 * {@code META-INF/services}, and only this way can a jar map a filter at a path read at start
 * ({@code SSEHUB_PATH}) rather than one fixed in an annotation. The WAR leaves this out and maps
 * the same filter in its {@code web.xml}.
 */
public final class EmbeddedHubInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(EmbeddedHubInitializer.class.getName());
    private static final String FILTER_NAME = "ssehub-event-streams";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        String path = RunningHub.shared().settings().path();
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, EventStreamFilter.class);
        if (filter == null) {
            LOG.warning("event=embedded_hub_skipped reason=a_filter_named_" + FILTER_NAME + "_exists");
            return;
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, path);
        LOG.info("event=embedded_hub_mounted context=" + context.getContextPath() + " path=" + path);
    }
}
