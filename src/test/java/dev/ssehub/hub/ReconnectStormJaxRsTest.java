package dev.ssehub.hub;

import dev.ssehub.config.Settings;

/** {@link ReconnectStormTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class ReconnectStormJaxRsTest extends ReconnectStormTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
