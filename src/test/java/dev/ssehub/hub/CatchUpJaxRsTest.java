package dev.ssehub.hub;

import dev.ssehub.config.Settings;

/** {@link CatchUpTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class CatchUpJaxRsTest extends CatchUpTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
