package io.atrium.billing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** The PDF answer shared by the page and the API. */
final class BillingDownloads {

    private BillingDownloads() {
    }

    /** Made in memory first (a page), so that a failure answers an error rather than half a file. */
    static void pdf(Statement statement, String accountName, HttpServletResponse response) throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        StatementPdf.write(statement, accountName, pdf);
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"atrium-statement-" + statement.month() + ".pdf\"");
        response.setContentLength(pdf.size());
        pdf.writeTo(response.getOutputStream());
    }
}
