package io.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The statement's PDF, read back with PDFBox: its lines and totals, whatever characters names hold. */
class StatementPdfTest {

    @Test
    void thePdfHoldsTheLinesTheTotalAndTheContactWithCharactersTheFontLacksShownAsQuestionMarks() throws Exception {
        List<StatementLine> lines = List.of(
                new StatementLine(LineKind.BASE, BigDecimal.ONE, new BigDecimal("49.00"), 4900),
                new StatementLine(LineKind.INDEXED_MINUTES, new BigDecimal("12.500000"), new BigDecimal("0.05"), 63),
                new StatementLine(LineKind.API_CALLS, new BigDecimal("20.000"), new BigDecimal("0.40"), 800),
                new StatementLine(LineKind.STORAGE, new BigDecimal("0.250000"), new BigDecimal("0.023"), 1));
        Statement statement = new Statement("acc", YearMonth.of(2026, 11), "developer", "EUR", lines, 5764, null,
                LocalDate.of(2026, 11, 30), new BillingContact("Zoë Müller", "billing@example.com",
                        "Hauptstraße 1\n10115 Berlin", "DE123456789"), Instant.parse("2026-12-01T00:05:00Z"));

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        StatementPdf.write(statement, "Kōbō 東京 GmbH", pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Statement for November 2026", "K?b? ?? GmbH", "Zoë Müller", "Hauptstraße 1",
                    "10115 Berlin", "Tax id: DE123456789", "12.5 minute", "20 1,000 calls", "0.63", "8.00",
                    "Total", "57.64", "Unit price (EUR)");
            assertThat(text).doesNotContain("Projected");
        }
    }
}
