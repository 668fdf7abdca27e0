package dev.ssehub.hub;

import dev.ssehub.config.Settings;

/** {@link HeartbeatTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class HeartbeatJaxRsTest extends HeartbeatTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
