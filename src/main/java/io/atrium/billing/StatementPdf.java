package io.atrium.billing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A statement as a one-page PDF (PDFBox, the standard Helvetica fonts): the account, the billing contact, the lines
 * with quantity, unit price and amount, and the total. Characters the standard fonts cannot show (outside
 * Windows-1252) are written as {@code ?}.
 */
final class StatementPdf {

    private static final float MARGIN = 50;
    private static final float[] COLUMNS = {50, 190, 330, 430};
    private static final float RIGHT_EDGE = 545;

    private StatementPdf() {
    }

    static void write(Statement statement, String accountName, OutputStream out) throws IOException {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Statement " + statement.month() + " · " + accountName);
            info.setCreator("Atrium");
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = page.getMediaBox().getHeight() - MARGIN;
                text(content, bold, 18, MARGIN, y, "Statement for " + statement.monthName());
                y -= 24;
                text(content, regular, 11, MARGIN, y, accountName);
                y -= 16;
                text(content, regular, 10, MARGIN, y, statement.closed()
                        ? "Closed " + statement.closedAt().toString().substring(0, 10) + " (UTC). Plan: " + statement.plan()
                        : "Open: so far, through " + statement.through() + " (UTC). Plan: " + statement.plan());
                y -= 24;
                for (String line : contactLines(statement.contact())) {
                    text(content, regular, 10, MARGIN, y, line);
                    y -= 14;
                }
                y -= 12;
                String[] header = {"Item", "Quantity", "Unit price (" + statement.currency() + ")",
                        "Amount (" + statement.currency() + ")"};
                for (int i = 0; i < header.length; i++) {
                    text(content, bold, 10, COLUMNS[i], y, header[i]);
                }
                y -= 16;
                for (StatementLine line : statement.lines()) {
                    text(content, regular, 10, COLUMNS[0], y, line.kind().description());
                    text(content, regular, 10, COLUMNS[1], y, line.quantityText() + " " + line.kind().unit());
                    text(content, regular, 10, COLUMNS[2], y, line.unitPriceText());
                    rightAligned(content, regular, 10, y, statement.amount(line.amountMinor()));
                    y -= 14;
                }
                y -= 8;
                text(content, bold, 11, COLUMNS[0], y, statement.closed() ? "Total" : "Total so far");
                rightAligned(content, bold, 11, y, statement.totalText());
                if (statement.projectedTotalMinor() != null) {
                    y -= 16;
                    text(content, regular, 10, COLUMNS[0], y, "Projected to the month's end");
                    rightAligned(content, regular, 10, y, statement.projectedTotalText());
                }
                y -= 30;
                text(content, regular, 8, MARGIN, y, "Consolidated over every member and API key of the account. "
                        + "Amounts rounded half up per line; this server takes no payments.");
            }
            document.save(out);
        }
    }

    private static List<String> contactLines(BillingContact contact) {
        List<String> lines = new ArrayList<>();
        if (contact.empty()) {
            return lines;
        }
        lines.add("Billing contact:");
        if (contact.name() != null) {
            lines.add(contact.name());
        }
        if (contact.address() != null) {
            contact.address().lines().forEach(lines::add);
        }
        if (contact.email() != null) {
            lines.add(contact.email());
        }
        if (contact.taxId() != null) {
            lines.add("Tax id: " + contact.taxId());
        }
        return lines;
    }

    private static void rightAligned(PDPageContentStream content, PDType1Font font, float size, float y, String text)
            throws IOException {
        String shown = showable(font, text);
        text(content, font, size, RIGHT_EDGE - font.getStringWidth(shown) / 1000 * size, y, shown);
    }

    private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(showable(font, text));
        content.endText();
    }

    /** The text with each character the font cannot encode (and each control character) as {@code ?}. */
    static String showable(PDType1Font font, String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            boolean encodable;
            try {
                encodable = !Character.isISOControl(codePoint) && font.encode(character).length > 0;
            } catch (IOException | IllegalArgumentException e) {
                encodable = false;
            }
            shown.append(encodable ? character : "?");
        });
        return shown.toString();
    }
}
