package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.config.Setting;
import dev.ssehub.topic.TopicSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Token verification over generated claims, keys and garbage: only what the key signed is ever accepted. */
class TokenVerifierProperties {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final TokenVerifier verifier = TokenVerifierTest.publisherVerifier(Map.of(Setting.JWT_KEY, SECRET));
    private final TokenIssuer issuer = new TokenIssuer(SECRET);

    @Property(tries = 200)
    void publishClaimsCoverExactlyTheTopicsTheirSelectorsMatch(
            @ForAll @Size(max = 4) List<@From("selector") String> publish, @ForAll @Size(max = 4) List<@From("selector") String> subscribe,
            @ForAll @Size(min = 1, max = 6) List<@From("topic") String> topics) throws InvalidTokenException, KeysUnavailableException {
        Claims claims = verifier.verify(issuer.issue(publish, subscribe, Duration.ofMinutes(5)));
        for (String topic : topics) {
            assertThat(claims.publish().matches(topic)).as(topic).isEqualTo(anyMatches(publish, topic));
            assertThat(claims.subscribe().matches(topic)).as(topic).isEqualTo(anyMatches(subscribe, topic));
        }
        assertThat(claims.publish().matchesAll(topics)).isEqualTo(topics.stream().allMatch(topic -> anyMatches(publish, topic)));
    }

    @Property(tries = 100)
    void aTokenSignedWithAnotherKeyIsRefused(@ForAll("otherSecret") String otherSecret, @ForAll @Size(max = 3) List<@From("selector") String> publish) {
        String forged = new TokenIssuer(otherSecret).issue(publish, List.of(), Duration.ofMinutes(5));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Property(tries = 100)
    void aTokenWhosePayloadWasReplacedIsRefused(@ForAll @Size(max = 3) List<@From("selector") String> signed, @ForAll("claimsJson") String replacement) {
        String[] parts = issuer.issue(signed, List.of(), Duration.ofMinutes(5)).split("\\.");
        String tampered = parts[0] + "." + encode(replacement) + "." + parts[2];
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(InvalidTokenException.class);
    }

    @Property(tries = 100)
    void anUnsignedTokenIsRefused(@ForAll("noneHeader") String header, @ForAll("claimsJson") String claims, @ForAll("segment") String signature) {
        String unsigned = encode(header) + "." + encode(claims) + "." + signature;
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
    }

    @Property(tries = 100)
    void anExpiredTokenIsRefused(@ForAll @IntRange(min = 1, max = 10_000_000) int secondsAgo) {
        String expired = issuer.issue(List.of("*"), List.of("*"), Duration.ofSeconds(-secondsAgo));
        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(InvalidTokenException.class);
    }

    @Property(tries = 300)
    void aTokenWithAnyCharacterOutsideBase64urlIsRefused(@ForAll("stray") char stray, @ForAll @IntRange(min = 1, max = 1000) int position) {
        String token = issuer.issue(List.of("*"), List.of("*"), Duration.ofMinutes(5));
        int at = 1 + position % (token.length() - 1);
        String tainted = token.substring(0, at) + stray + token.substring(at);
        assertThatThrownBy(() -> verifier.verify(tainted)).isInstanceOf(InvalidTokenException.class);
    }

    @Property(tries = 1000)
    void anyTextIsEitherATokenOrRefusedWithTheDocumentedException(@ForAll("tokenish") String text) throws KeysUnavailableException {
        try {
            verifier.verify(text);
        } catch (InvalidTokenException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static boolean anyMatches(List<String> selectors, String topic) {
        return selectors.stream().anyMatch(selector -> TopicSelector.of(selector).matches(topic));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Character> stray() {
        return Arbitraries.chars().all().filter(c -> !(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.');
    }

    @Provide
    Arbitrary<String> topic() {
        return Arbitraries.of("a", "b", "https://example.com/books/1", "https://example.com/books/1/reviews", "https://example.com/authors/2", "");
    }

    @Provide
    Arbitrary<String> selector() {
        return Arbitraries.oneOf(topic(), Arbitraries.of("*", "https://example.com/books/{id}", "https://example.com/{+rest}", "https://example.com/{x", "{a}"));
    }

    @Provide
    Arbitrary<String> otherSecret() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(32).ofMaxLength(64).filter(secret -> !secret.equals(SECRET));
    }

    @Provide
    Arbitrary<String> noneHeader() {
        return Arbitraries.of("{\"alg\":\"none\"}", "{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"alg\":\"None\"}", "{\"alg\":\"NONE\"}", "{\"alg\":\"\"}", "{}");
    }

    @Provide
    Arbitrary<String> claimsJson() {
        return Arbitraries.of(
                "{\"mercure\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]}}",
                "{\"mercure\":{\"publish\":[\"*\"]},\"exp\":99999999999}",
                "{\"mercure\":{\"publish\":\"*\"}}",
                "{\"mercure\":[]}",
                "{\"mercure\":null}",
                "{}",
                "[]",
                "null",
                "not json",
                "{\"exp\":\"tomorrow\"}",
                "{\"mercure\":{\"publish\":[1,{\"a\":null}]}}");
    }

    @Provide
    Arbitrary<String> segment() {
        Arbitrary<String> base64url = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('-', '_').ofMaxLength(60);
        return Arbitraries.oneOf(base64url, Arbitraries.strings().all().ofMaxLength(10));
    }

    /** Dotted text that looks like a JWS more or less closely, with headers that name every kind of algorithm. */
    @Provide
    Arbitrary<String> tokenish() {
        Arbitrary<String> header = Arbitraries.of(
                "{\"alg\":\"HS256\"}", "{\"alg\":\"HS512\"}", "{\"alg\":\"RS256\"}", "{\"alg\":\"ES256\"}", "{\"alg\":\"none\"}",
                "{\"alg\":\"HS256\",\"crit\":[\"x\"]}", "{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1/\"}", "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}",
                "{\"alg\":1}", "{", "").map(TokenVerifierProperties::encode);
        Arbitrary<String> payload = claimsJson().map(TokenVerifierProperties::encode);
        Arbitrary<String> jws = Combinators.combine(header, payload, segment()).as((h, p, s) -> h + "." + p + "." + s);
        Arbitrary<String> segments = segment().list().ofMaxSize(6).map(parts -> String.join(".", parts));
        return Arbitraries.oneOf(jws, segments, Arbitraries.strings().all().ofMaxLength(40));
    }
}
