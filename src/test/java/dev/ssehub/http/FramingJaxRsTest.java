package dev.ssehub.http;

import dev.ssehub.config.Settings;

/** {@link FramingTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class FramingJaxRsTest extends FramingTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
