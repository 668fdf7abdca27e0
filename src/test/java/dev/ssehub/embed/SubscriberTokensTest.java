package dev.ssehub.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.auth.Claims;
import dev.ssehub.auth.TokenVerifiers;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriberTokensTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    @Test
    void aMintedTokenPassesTheHubsSubscriberCheckWithOnlyTheGivenSelectorsUntilItExpires() throws Exception {
        Settings settings = Settings.from(Map.of(Setting.SUBSCRIBER_JWT_KEY, SECRET, Setting.PUBLISHER_JWT_KEY, "another-secret-that-is-long-enough-for-hs256"));

        String token = new SubscriberTokens(settings).mint(Duration.ofMinutes(30), List.of("https://example.com/customers/7/orders/{id}"));

        Claims claims = TokenVerifiers.from(settings).subscribers().verify(token);
        assertThat(claims.subscribe().matches("https://example.com/customers/7/orders/42")).isTrue();
        assertThat(claims.subscribe().matches("https://example.com/customers/8/orders/42")).isFalse();
        assertThat(claims.publish().isEmpty()).isTrue();
        assertThat(claims.expiresAt()).hasValueSatisfying(expiry -> assertThat(expiry).isBetween(
                Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
        assertThatThrownBy(() -> TokenVerifiers.from(settings).publishers().verify(token)).isNotNull();
    }

    @Test
    void withoutASecretForSubscribersMintingSaysWhatIsMissing() {
        Settings settings = Settings.from(Map.of(Setting.JWKS_URL, "file:/nonexistent/jwks.json"));

        assertThatThrownBy(() -> new SubscriberTokens(settings).mint(Duration.ofMinutes(1), List.of("*")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SSEHUB_SUBSCRIBER_JWT_KEY");
    }

    @Test
    void whenTheHubChecksTheIssuerMintingRefersToTheIdentityProvider() {
        Settings settings = Settings.from(Map.of(Setting.JWT_KEY, SECRET, Setting.JWT_ISSUER, "https://id.example.com/"));

        assertThatThrownBy(() -> new SubscriberTokens(settings).mint(Duration.ofMinutes(1), List.of("*")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SSEHUB_JWT_ISSUER");
    }
}
