package dev.ssehub.hub;

import dev.ssehub.config.Settings;

/** {@link LivenessTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class LivenessJaxRsTest extends LivenessTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
