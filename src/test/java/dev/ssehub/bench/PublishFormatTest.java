package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the generator sends to publish, and how it reads the id a target gave the update from its answer. */
class PublishFormatTest {

    @Test
    void aMercureHubGetsAFormAndAnswersWithTheIdAlone() {
        assertThat(PublishFormat.FORM.body("bench/load", "b-1", "ts=1;seq=1; x&y"))
                .isEqualTo("topic=bench%2Fload&id=b-1&data=ts%3D1%3Bseq%3D1%3B+x%26y");
        assertThat(PublishFormat.FORM.body("bench/load", null, "x")).isEqualTo("topic=bench%2Fload&data=x");
        assertThat(PublishFormat.FORM.eventId("b-1\n")).isEqualTo("b-1");
        assertThat(PublishFormat.FORM.eventId("  ")).isNull();
    }

    @Test
    void nchanGetsTheRawDataAndNamesItsMessageIdAmongTheChannelFacts() {
        assertThat(PublishFormat.RAW.body("bench/load", "b-1", "ts=1;seq=1;xx")).isEqualTo("ts=1;seq=1;xx");
        String answer = "queued messages: 1\r\nlast requested: -1 sec. ago\r\nactive subscribers: 0\r\nlast message id: 1796399792:0";
        assertThat(PublishFormat.RAW.eventId(answer)).isEqualTo("1796399792:0");
    }

    @Test
    void anNchanAnswerWithoutAMessageIdNamesNone() {
        assertThat(PublishFormat.RAW.eventId("queued messages: 1\nactive subscribers: 0\n")).isNull();
        assertThat(PublishFormat.RAW.eventId("last message id: \n")).isNull();
    }
}
