package dev.ssehub.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TopicSelectorTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                                       | anything at all                                | true",
            "https://example.com/books/1             | https://example.com/books/1                    | true",
            "https://example.com/books/1             | https://example.com/books/10                   | false",
            "https://example.com/books/{id}          | https://example.com/books/1                    | true",
            "https://example.com/books/{id}          | https://example.com/books/                     | true",
            "https://example.com/books/{id}          | https://example.com/books/1/reviews            | false",
            "https://example.com/books/{id}          | https://example.com/authors/1                  | false",
            "https://example.com/books/{id}          | https://example.com/books/caf%C3%A9            | true",
            "https://example.com/{+path}             | https://example.com/books/1/reviews?x=1        | true",
            "https://example.com/{path}              | https://example.com/books/1                    | false",
            "https://example.com/books{/id}          | https://example.com/books/1                    | true",
            "https://example.com/books{/id}          | https://example.com/books                      | true",
            "https://example.com/books{/id*}         | https://example.com/books/1/2/3                | true",
            "https://example.com/books{/id}          | https://example.com/books/1/2                  | false",
            "https://example.com/file{.ext}          | https://example.com/file.json                  | true",
            "https://example.com/books{?page,sort}   | https://example.com/books?page=2&sort=title    | true",
            "https://example.com/books{?page,sort}   | https://example.com/books?sort=title           | true",
            "https://example.com/books{?page}        | https://example.com/books?evil=1               | false",
            "https://example.com/books?a=1{&b}       | https://example.com/books?a=1&b=2              | true",
            "https://example.com/page{#section}      | https://example.com/page#intro/part-2          | true",
            "https://example.com/{a}/{b}             | https://example.com/x/y                        | true",
            "https://example.com/{id:3}              | https://example.com/abc                        | true",
            "https://example.com/{id:3}              | https://example.com/abcd                       | false",
            "https://example.com/{list}              | https://example.com/red,green,blue             | true",
            "https://example.com/{;x,y}              | https://example.com/;x=1;y                     | true",
    })
    void matchesLikeTheSpecSays(String selector, String topic, boolean matches) {
        assertThat(TopicSelector.of(selector).matches(topic)).isEqualTo(matches);
    }

    @Test
    void anInvalidTemplateMatchesOnlyItself() {
        for (String invalid : List.of("https://example.com/{unclosed", "https://example.com/}{", "https://example.com/{}", "https://example.com/{a b}", "x/{id:0}")) {
            TopicSelector selector = TopicSelector.of(invalid);
            assertThat(selector.matches(invalid)).as(invalid).isTrue();
            assertThat(selector.matches("https://example.com/1")).as(invalid).isFalse();
            assertThat(selector.isExact()).as(invalid).isTrue();
        }
    }

    @Test
    void templateCharactersInLiteralsAreNotRegexSyntax() {
        TopicSelector selector = TopicSelector.of("https://example.com/a.b+c(d)/{id}");
        assertThat(selector.matches("https://example.com/a.b+c(d)/1")).isTrue();
        assertThat(selector.matches("https://example.com/aXb+c(d)/1")).isFalse();
    }

    @Test
    void matchingIsStableOnceCachedAndTheCacheStaysBounded() {
        TopicSelector selector = TopicSelector.of("https://example.com/items/{id}");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                assertThat(selector.matches("https://example.com/items/" + i)).isTrue();
                assertThat(selector.matches("https://example.com/other/" + i)).isFalse();
            }
        }
    }

    @Test
    void aSetMatchesAnyOrAllTopics() {
        SelectorSet set = SelectorSet.of("a", "https://example.com/books/{id}");
        assertThat(set.matchesAny(List.of("z", "a"))).isTrue();
        assertThat(set.matchesAny(List.of("z"))).isFalse();
        assertThat(set.matchesAll(List.of("a", "https://example.com/books/3"))).isTrue();
        assertThat(set.matchesAll(List.of("a", "z"))).isFalse();
        assertThat(set.exactTopics()).containsExactly("a");
        assertThat(set.hasPatterns()).isTrue();
        assertThat(SelectorSet.of("b", "a")).isEqualTo(SelectorSet.of("a", "b", "a"));
    }
}
