package io.atrium.billing;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.atrium.shared.Csv;
import jakarta.servlet.http.HttpServletResponse;

/** A statement as CSV: one row per line, then the total (and, while open, the projection). */
final class StatementCsv {

    private StatementCsv() {
    }

    static void write(Statement statement, HttpServletResponse response) throws IOException {
        Writer out = Csv.start(response, "atrium-statement-" + statement.month() + ".csv");
        Csv.row(out, List.of("month", "status", "item", "quantity", "unit", "unit_price", "amount", "currency"));
        for (StatementLine line : statement.lines()) {
            Csv.row(out, List.of(statement.month().toString(), statement.status(), line.kind().code(), line.quantityText(),
                    line.kind().unit(), line.unitPriceText(), statement.amount(line.amountMinor()), statement.currency()));
        }
        Csv.row(out, List.of(statement.month().toString(), statement.status(), "total", "", "", "",
                statement.totalText(), statement.currency()));
        if (statement.projectedTotalMinor() != null) {
            Csv.row(out, List.of(statement.month().toString(), statement.status(), "projected_total", "", "", "",
                    statement.projectedTotalText(), statement.currency()));
        }
        out.flush();
    }
}
