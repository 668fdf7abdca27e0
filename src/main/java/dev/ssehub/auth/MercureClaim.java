package dev.ssehub.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ssehub.topic.SelectorSet;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a token carries its Mercure rights, and what they grant. The spec puts them in the top-level
 * {@code mercure} claim; identity providers that allow only namespaced custom claims put them
 * elsewhere, which the settings name: a claim such as {@code https://example.com/mercure}, or a JSON
 * pointer (RFC 6901) such as {@code /ext/mercure} into nested claims. A token without that claim is
 * read at the top-level {@code mercure} claim, so tokens made to the spec keep working.
 */
final class MercureClaim {

    private static final String SPEC_CLAIM = "mercure";

    /** The spec's claim alone. */
    static final MercureClaim SPEC = new MercureClaim(SPEC_CLAIM, List.of(SPEC_CLAIM));

    private final String name;
    private final List<String> path;

    private MercureClaim(String name, List<String> path) {
        this.name = name;
        this.path = List.copyOf(path);
    }

    /** The claim a setting names; IllegalArgumentException when it is a malformed JSON pointer. */
    static MercureClaim at(String setting) {
        if (setting.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (!setting.startsWith("/")) {
            return new MercureClaim(setting, List.of(setting));
        }
        List<String> path = new ArrayList<>();
        for (String token : setting.substring(1).split("/", -1)) {
            if (token.replace("~0", "").replace("~1", "").contains("~")) {
                throw new IllegalArgumentException("'" + setting + "' is not a JSON pointer: '~' must be followed by 0 or 1");
            }
            path.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return new MercureClaim(setting, path);
    }

    /** What the token grants: the selectors it may publish and subscribe to, its payload, its expiry. */
    Claims grants(JWTClaimsSet claims) throws InvalidTokenException {
        String found = name;
        Object value = at(claims.getClaims(), path);
        if (value == null && !path.equals(List.of(SPEC_CLAIM))) {
            found = SPEC_CLAIM;
            value = claims.getClaim(SPEC_CLAIM);
        }
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new InvalidTokenException("the '" + found + "' claim is not a JSON object");
        }
        Map<?, ?> mercure = value == null ? Map.of() : (Map<?, ?>) value;
        Date expiry = claims.getExpirationTime();
        return new Claims(
                selectors(mercure, found, "publish"),
                selectors(mercure, found, "subscribe"),
                mercure.get("payload"),
                Optional.ofNullable(expiry).map(Date::toInstant));
    }

    private static Object at(Map<String, Object> claims, List<String> path) {
        Object value = claims;
        for (String key : path) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(key);
        }
        return value;
    }

    private static SelectorSet selectors(Map<?, ?> mercure, String claim, String name) throws InvalidTokenException {
        Object value = mercure.get(name);
        if (value == null) {
            return SelectorSet.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidTokenException("the '" + claim + "." + name + "' claim is not an array");
        }
        List<String> texts = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new InvalidTokenException("the '" + claim + "." + name + "' claim holds a non-string selector");
            }
            texts.add(text);
        }
        return SelectorSet.of(texts);
    }
}
