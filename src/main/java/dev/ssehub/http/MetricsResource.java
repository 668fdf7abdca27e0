package dev.ssehub.http;

import dev.ssehub.hub.HubMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The hub's metrics in the Prometheus text format, for a Prometheus server to scrape. */
@Path("/metrics")
public final class MetricsResource {

    private static final PrometheusTextFormatWriter FORMAT = PrometheusTextFormatWriter.create();

    private final HubMetrics metrics;

    public MetricsResource(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape() {
        StreamingOutput body = output -> FORMAT.write(output, metrics.registry().scrape());
        return Response.ok(body, PrometheusTextFormatWriter.CONTENT_TYPE).build();
    }
}
