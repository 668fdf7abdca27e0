package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void regeneratedFiguresKeepTheHandWrittenPartOfThePreviousFile() {
        String previous = "# Benchmarks\n\nold figures\n\n" + Report.HAND_WRITTEN_MARKER + "\n\n## Where the time goes\n\nanalysis\n";
        assertThat(Report.keepingHandWritten("# Benchmarks\n\nnew figures\n", previous))
                .isEqualTo("# Benchmarks\n\nnew figures\n\n" + Report.HAND_WRITTEN_MARKER + "\n\n## Where the time goes\n\nanalysis\n");
    }

    @Test
    void aFileWithoutHandWrittenPartIsReplacedWhole() {
        assertThat(Report.keepingHandWritten("new\n", "old\n")).isEqualTo("new\n");
        assertThat(Report.keepingHandWritten("new\n", null)).isEqualTo("new\n");
    }
}
