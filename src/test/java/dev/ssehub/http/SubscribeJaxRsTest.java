package dev.ssehub.http;

import dev.ssehub.config.Settings;

/** {@link SubscribeTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class SubscribeJaxRsTest extends SubscribeTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
