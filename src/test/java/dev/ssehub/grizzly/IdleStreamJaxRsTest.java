package dev.ssehub.grizzly;

import dev.ssehub.config.Settings;

/** {@link IdleStreamTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class IdleStreamJaxRsTest extends IdleStreamTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
