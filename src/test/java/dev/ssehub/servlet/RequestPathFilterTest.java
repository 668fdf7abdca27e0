package dev.ssehub.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/.well-known/mercure", "/demo/index.html", "/a%20b", "/caf%C3%A9", "/%F0%9F%98%80", "/a+b;c=d", "/~x/-_.!$&'()*,"})
    void pathsOfPercentEscapedUtf8PassThrough(String path) {
        assertThat(RequestPathFilter.readable(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fuzz-\u00e2\u0082", "/fuzz-\u0080", "/caf\u00e9", "/%FF", "/%E2%82", "/%ED%A0%80", "/%C0%AF", "/%zz", "/%4", "/a b", "/<x>", "/a\"b", "/{x}"})
    void pathsNoUriHoldsOrWhoseEscapesAreNotUtf8AreRefused(String path) {
        assertThat(RequestPathFilter.readable(path)).isFalse();
    }
}
