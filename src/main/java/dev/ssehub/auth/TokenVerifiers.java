package dev.ssehub.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ssehub.config.ConfiguredKey;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.JwksUrl;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The publisher and subscriber verifiers the settings describe; a key the hub cannot use stops the
 * start. Both sides share one {@link ProviderKeys} per JWK set URL: one cache, one reader.
 */
public final class TokenVerifiers {

    private final TokenVerifier publishers;
    private final TokenVerifier subscribers;
    private final List<ProviderKeys> providers;

    private TokenVerifiers(TokenVerifier publishers, TokenVerifier subscribers, List<ProviderKeys> providers) {
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.providers = List.copyOf(providers);
    }

    public static TokenVerifiers from(Settings settings) {
        Set<JWSAlgorithm> accepted = SignatureAlgorithms.accepted(settings.jwtAlgorithms());
        TokenVerifier.Rules rules = new TokenVerifier.Rules(settings.jwtIssuer(), settings.jwtAudience(), mercureClaim(settings.jwtClaim()));
        Map<JwksUrl, ProviderKeys> providers = new LinkedHashMap<>();
        Function<JwksUrl, ProviderKeys> provider = url -> providers.computeIfAbsent(url, read -> ProviderKeys.open(read, settings.jwksRefresh()));
        TokenVerifier publishers = verifier(settings.publisherKey(), settings.publisherJwks(), provider, accepted, rules);
        TokenVerifier subscribers = verifier(settings.subscriberKey(), settings.subscriberJwks(), provider, accepted, rules);
        return new TokenVerifiers(publishers, subscribers, List.copyOf(providers.values()));
    }

    public TokenVerifier publishers() {
        return publishers;
    }

    public TokenVerifier subscribers() {
        return subscribers;
    }

    /** The identity providers' key sets, for {@code /readyz}. */
    public List<ProviderKeys> providers() {
        return providers;
    }

    private static MercureClaim mercureClaim(String setting) {
        try {
            return MercureClaim.at(setting);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Setting.JWT_CLAIM, e.getMessage());
        }
    }

    /** A static key is tried before the JWK set, so that its tokens verify even while the provider is down. */
    private static TokenVerifier verifier(Optional<ConfiguredKey> key, Optional<JwksUrl> jwks, Function<JwksUrl, ProviderKeys> provider,
            Set<JWSAlgorithm> accepted, TokenVerifier.Rules rules) {
        List<TokenVerifier.Keys> keySets = new ArrayList<>();
        key.ifPresent(configured -> keySets.add(staticKeys(configured, accepted)));
        jwks.ifPresent(url -> keySets.add(new TokenVerifier.Keys(providerAlgorithms(accepted), provider.apply(url))));
        return new TokenVerifier(keySets, rules);
    }

    /** A JWK set is public: it verifies public-key algorithms only, never HMAC. */
    private static Set<JWSAlgorithm> providerAlgorithms(Set<JWSAlgorithm> accepted) {
        Set<JWSAlgorithm> algorithms = new HashSet<>(SignatureAlgorithms.ASYMMETRIC);
        algorithms.retainAll(accepted);
        if (algorithms.isEmpty()) {
            throw new InvalidSettingException(Setting.JWT_ALG, "a JWK set verifies public-key algorithms only, and none of "
                    + SignatureAlgorithms.names(accepted) + " is one");
        }
        return Set.copyOf(algorithms);
    }

    private static TokenVerifier.Keys staticKeys(ConfiguredKey configured, Set<JWSAlgorithm> accepted) {
        JWK key;
        try {
            key = StaticKey.parse(configured.text());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(configured.setting(), e.getMessage());
        }
        Set<JWSAlgorithm> fitting = SignatureAlgorithms.fitting(key);
        Set<JWSAlgorithm> algorithms = new HashSet<>(fitting);
        algorithms.retainAll(accepted);
        if (algorithms.isEmpty()) {
            throw new InvalidSettingException(Setting.JWT_ALG, "none of " + SignatureAlgorithms.names(accepted)
                    + " fits the key in " + configured.setting().environmentVariable() + ", which verifies " + SignatureAlgorithms.names(fitting));
        }
        return new TokenVerifier.Keys(Set.copyOf(algorithms), new ImmutableJWKSet<>(new JWKSet(key)));
    }
}
