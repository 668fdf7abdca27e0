package dev.ssehub.demo;

import dev.ssehub.config.Settings;

/** {@link DemoPageBrowserTest}, with event streams written through the JAX-RS SSE API ({@code SSEHUB_STREAMS=jaxrs}). */
class DemoPageBrowserJaxRsTest extends DemoPageBrowserTest {

    @Override
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.JAXRS;
    }
}
