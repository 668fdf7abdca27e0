package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Choosing targets with BENCH_TARGETS, and the URLs the generator is pointed at for each. */
class TargetTest {

    @Test
    void noListMeansEveryTarget() {
        assertThat(Target.parse("")).containsExactly(Target.HUB, Target.HUB_JAXRS, Target.LIBERTY, Target.NCHAN);
        assertThat(Target.parse(null)).hasSize(Target.values().length);
    }

    @Test
    void aListIsTakenInItsOrderOnceEach() {
        assertThat(Target.parse(" nchan, hub ,nchan,hub-jaxrs")).containsExactly(Target.NCHAN, Target.HUB, Target.HUB_JAXRS);
    }

    @Test
    void anUnknownTargetIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Target.parse("hub,mercure"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mercure'")
                .hasMessageContaining("hub, hub-jaxrs, liberty, nchan");
    }

    @Test
    void ourTargetsAreSpokenToAsAMercureHubAndNchanOnItsChannelUrl() {
        assertThat(Target.LIBERTY.generatorOptions("bench/load")).containsExactly("--subscribe-path",
                "/.well-known/mercure?topic=bench%2Fload", "--publish-path", "/.well-known/mercure", "--publish-format", "form");
        assertThat(Target.NCHAN.generatorOptions("bench/load")).containsExactly("--subscribe-path", "/channel/bench/load",
                "--publish-path", "/channel/bench/load", "--publish-format", "raw");
        assertThat(Target.NCHAN.isOurs()).isFalse();
        assertThat(Target.HUB_JAXRS.isOurs()).isTrue();
    }

    @Test
    void jvmSizesAreReadInMebibytes() {
        assertThat(TargetLauncher.mebibytes("256m")).isEqualTo(256);
        assertThat(TargetLauncher.mebibytes("1g")).isEqualTo(1024);
        assertThat(TargetLauncher.mebibytes("524288K")).isEqualTo(512);
        assertThat(TargetLauncher.mebibytes("lots")).isNaN();
        assertThat(TargetLauncher.maxHeapMb(Target.NCHAN)).isNaN();
    }
}
