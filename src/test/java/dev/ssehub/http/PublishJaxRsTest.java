package dev.ssehub.http;

import dev.ssehub.config.Settings;

/** {@link PublishTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class PublishJaxRsTest extends PublishTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
