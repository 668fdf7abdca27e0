package dev.ssehub.http;

import dev.ssehub.config.Settings;

/** {@link HttpFuzzTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class HttpFuzzJaxRsTest extends HttpFuzzTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
