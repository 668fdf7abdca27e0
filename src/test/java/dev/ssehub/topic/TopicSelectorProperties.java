package dev.ssehub.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Selector parsing and matching over generated selectors and topics, per the Mercure spec and RFC 6570. */
class TopicSelectorProperties {

    @Property
    void parsingAndMatchingAnyTextNeverThrows(@ForAll("templateish") String selector, @ForAll("templateish") String topic) {
        TopicSelector parsed = TopicSelector.of(selector);
        assertThat(parsed.matches(selector)).as("a selector always matches its own text").isTrue();
        parsed.matches(topic);
    }

    @Property
    void anExactSelectorMatchesExactlyItsTopic(@ForAll("braceless") String selector, @ForAll("braceless") String topic) {
        TopicSelector parsed = TopicSelector.of(selector);
        if (!parsed.isAny()) {
            assertThat(parsed.isExact()).isTrue();
            assertThat(parsed.matches(topic)).isEqualTo(selector.equals(topic));
        }
    }

    @Property
    void anyMatchesEverything(@ForAll String topic) {
        assertThat(TopicSelector.of("*").matches(topic)).isTrue();
    }

    @Property
    void aSimpleVariableMatchesEveryUnreservedValueAndNeverCrossesASlash(
            @ForAll("literal") String prefix, @ForAll("name") String name, @ForAll("unreservedValue") String value, @ForAll("literal") String suffix) {
        TopicSelector selector = TopicSelector.of("https://example.com/" + prefix + "/{" + name + "}/" + suffix);
        assertThat(selector.matches("https://example.com/" + prefix + "/" + value + "/" + suffix)).isTrue();
        // Simple expansion percent-encodes '/', so a value never spans two segments.
        assertThat(selector.matches("https://example.com/" + prefix + "/" + value + "/" + value + "/" + suffix)).isFalse();
        assertThat(selector.matches("https://example.com/" + prefix + "/" + value + "/" + suffix + "/")).isFalse();
    }

    @Property
    void aReservedVariableMayCrossSlashes(@ForAll("name") String name, @ForAll @Size(max = 5) List<@From("unreservedValue") String> segments) {
        TopicSelector selector = TopicSelector.of("https://example.com/{+" + name + "}");
        assertThat(selector.matches("https://example.com/" + String.join("/", segments))).isTrue();
    }

    @Property
    void aTemplateOfGeneratedVariablesMatchesItsExpansions(@ForAll("expansion") Expansion expansion) {
        assertThat(TopicSelector.of(expansion.template()).matches(expansion.uri())).as(expansion.toString()).isTrue();
    }

    @Property
    void aPathSegmentVariableStopsAtItsOwnSegments(@ForAll("name") String name, @ForAll("unreservedValue") String value) {
        TopicSelector selector = TopicSelector.of("https://example.com/books{/" + name + "}");
        assertThat(selector.matches("https://example.com/books/" + value)).isTrue();
        assertThat(selector.matches("https://example.com/books/" + value + "/" + value)).isFalse();
        assertThat(selector.matches("https://example.com/books" + value)).isEqualTo(value.isEmpty());
    }

    @Property
    void aSetMatchesWhenAnyOfItsSelectorsDoes(@ForAll @Size(max = 6) List<@From("templateish") String> selectors, @ForAll("templateish") String topic) {
        boolean anySelector = selectors.stream().anyMatch(text -> TopicSelector.of(text).matches(topic));
        assertThat(SelectorSet.of(selectors).matches(topic)).isEqualTo(anySelector);
    }

    record Expansion(String template, String uri) {
    }

    @Provide
    Arbitrary<Expansion> expansion() {
        Arbitrary<Expansion> simple = Combinators.combine(name(), unreservedValue()).as((n, v) -> new Expansion("{" + n + "}", v));
        Arbitrary<Expansion> reserved = Combinators.combine(name(), reservedValue()).as((n, v) -> new Expansion("{+" + n + "}", v));
        Arbitrary<Expansion> fragment = Combinators.combine(name(), reservedValue()).as((n, v) -> new Expansion("{#" + n + "}", "#" + v));
        Arbitrary<Expansion> label = Combinators.combine(name(), unreservedValue()).as((n, v) -> new Expansion("{." + n + "}", "." + v));
        Arbitrary<Expansion> segment = Combinators.combine(name(), unreservedValue()).as((n, v) -> new Expansion("{/" + n + "}", "/" + v));
        Arbitrary<Expansion> query = Combinators.combine(name(), unreservedValue()).as((n, v) -> new Expansion("{?" + n + "}", "?" + n + "=" + v));
        Arbitrary<Expansion> continuation = Combinators.combine(name(), unreservedValue()).as((n, v) -> new Expansion("{&" + n + "}", "&" + n + "=" + v));
        Arbitrary<Expansion> parameter = Combinators.combine(name(), unreservedValue()).as((n, v) -> new Expansion("{;" + n + "}", ";" + n + (v.isEmpty() ? "" : "=" + v)));
        Arbitrary<Expansion> literal = literal().map(text -> new Expansion(text, text));
        Arbitrary<Expansion> part = Arbitraries.oneOf(simple, reserved, fragment, label, segment, query, continuation, parameter, literal);
        return part.list().ofMinSize(1).ofMaxSize(4).map(parts -> new Expansion(
                "https://example.com/" + parts.stream().map(Expansion::template).reduce("", String::concat),
                "https://example.com/" + parts.stream().map(Expansion::uri).reduce("", String::concat)));
    }

    @Provide
    Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_', '0', '9').ofMinLength(1).ofMaxLength(8);
    }

    /** What simple string expansion can produce: unreserved characters and percent-encoded octets. */
    @Provide
    Arbitrary<String> unreservedValue() {
        Arbitrary<String> unreserved = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('-', '.', '_', '~').ofMaxLength(3);
        Arbitrary<String> encoded = Arbitraries.of("%2F", "%20", "%C3%A9", "%3a", "%7B");
        return Arbitraries.oneOf(unreserved, encoded).list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    /** What reserved expansion can produce: unreserved and reserved characters, percent-encoded octets. */
    @Provide
    Arbitrary<String> reservedValue() {
        return Arbitraries.oneOf(unreservedValue(), Arbitraries.of(":", "/", "?", "#", "[", "]", "@", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "="))
                .list().ofMaxSize(5).map(parts -> String.join("", parts));
    }

    /** A literal path part: no braces, and no characters that the template would treat specially. */
    @Provide
    Arbitrary<String> literal() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '.', '(', ')', '+', '$', '^', '\\').ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> braceless() {
        return Arbitraries.strings().all().ofMaxLength(20).filter(text -> text.indexOf('{') < 0);
    }

    /** Text rich in template syntax, so the parser's error paths are taken often. */
    @Provide
    Arbitrary<String> templateish() {
        Arbitrary<String> syntax = Arbitraries.of("{", "}", "{id}", "{+p}", "{/a*}", "{?x,y}", "{a:3}", "{a:0}", "{a:99999}", "%", "%G", "%41", ",", "*", ":", ".", "/", "\\", "(", "$", "");
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(4);
        return Arbitraries.oneOf(syntax, text).list().ofMaxSize(8).map(parts -> String.join("", parts));
    }
}
