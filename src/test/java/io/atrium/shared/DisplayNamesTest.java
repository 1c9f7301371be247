package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayNamesTest {

    @ParameterizedTest
    @CsvSource({"Ada Lovelace,AL", "ada lovelace,AL", "Ada,A", "  Jean  Luc   Picard ,JP", "Émile Zola,ÉZ", "Acme Corp,AC"})
    void initialsAreTheFirstLettersOfTheFirstAndLastWords(String name, String initials) {
        assertThat(DisplayNames.initials(name)).isEqualTo(initials);
    }
}
