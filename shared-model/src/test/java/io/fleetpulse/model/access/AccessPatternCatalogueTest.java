package io.fleetpulse.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AccessPatternCatalogueTest {

    static final String BEGIN = "<!-- access-patterns:begin (generated from AccessPattern; AccessPatternCatalogueTest checks it) -->";
    static final String END = "<!-- access-patterns:end -->";

    @Test
    void readmeTableIsTheCatalogue() throws Exception {
        // The generated table, for pasting into docs/data-model.md when the catalogue changes.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "access-patterns.md"), AccessPattern.markdownTable());
        Path readme = Path.of("..", "docs", "data-model.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/data-model.md marker").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = text.substring(begin + BEGIN.length(), end).strip() + "\n";
        assertThat(table).isEqualTo(AccessPattern.markdownTable());
    }

    @Test
    void noPatternScans() {
        for (AccessPattern pattern : AccessPattern.values()) {
            assertThat(pattern.operation().name()).doesNotContain("SCAN");
            assertThat(pattern.keyCondition()).isNotBlank();
        }
    }
}
