package dev.ssehub.http;

import dev.ssehub.hub.HubMetrics;
import dev.ssehub.hub.HubMetrics.PublishOutcome;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts the publish requests that fail, by their status: many are refused before the hub sees
 * them (a missing token, a body too large), so the answer is the one place that knows them all.
 * The hub counts the ones it appends.
 */
@Provider
public final class FailedPublishCounter implements ContainerResponseFilter {

    private final HubMetrics metrics;

    public FailedPublishCounter(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || !HttpMethod.POST.equals(request.getMethod())
                || request.getUriInfo().getMatchedResources().stream().noneMatch(MercureResource.class::isInstance)) {
            return;
        }
        metrics.publishFailed(status < 500 ? PublishOutcome.REJECTED : PublishOutcome.UNAVAILABLE);
    }
}
