package dev.ssehub.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ssehub.config.ConfiguredKey;
import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The publisher and subscriber verifiers the settings describe; a key the hub cannot use stops the start. */
public final class TokenVerifiers {

    private final TokenVerifier publishers;
    private final TokenVerifier subscribers;

    private TokenVerifiers(TokenVerifier publishers, TokenVerifier subscribers) {
        this.publishers = publishers;
        this.subscribers = subscribers;
    }

    public static TokenVerifiers from(Settings settings) {
        Set<JWSAlgorithm> accepted = SignatureAlgorithms.accepted(settings.jwtAlgorithms());
        TokenVerifier.Rules rules = new TokenVerifier.Rules(settings.jwtIssuer(), settings.jwtAudience(), mercureClaim(settings.jwtClaim()));
        return new TokenVerifiers(
                verifier(settings.publisherKey(), accepted, rules),
                verifier(settings.subscriberKey(), accepted, rules));
    }

    public TokenVerifier publishers() {
        return publishers;
    }

    public TokenVerifier subscribers() {
        return subscribers;
    }

    private static MercureClaim mercureClaim(String setting) {
        try {
            return MercureClaim.at(setting);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Setting.JWT_CLAIM, e.getMessage());
        }
    }

    private static TokenVerifier verifier(Optional<ConfiguredKey> key, Set<JWSAlgorithm> accepted, TokenVerifier.Rules rules) {
        List<TokenVerifier.Keys> keySets = new ArrayList<>();
        key.ifPresent(configured -> keySets.add(staticKeys(configured, accepted)));
        return new TokenVerifier(keySets, rules);
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
