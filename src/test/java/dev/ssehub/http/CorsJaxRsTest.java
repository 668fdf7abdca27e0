package dev.ssehub.http;

import dev.ssehub.config.Settings;

/** {@link CorsTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class CorsJaxRsTest extends CorsTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
