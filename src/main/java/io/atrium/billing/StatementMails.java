package io.atrium.billing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import io.atrium.mail.MailOutbox;
import io.atrium.mail.OutgoingMail;
import io.atrium.shared.PublicUrl;

/**
 * The mails billing sends, queued in the caller's transaction: a closed statement (to the billing contact and the
 * administrators) and a budget alert (to the administrators). The mail feature sends no attachments, so a statement's
 * mail carries its lines and total in the body and links to its PDF, which administrators open signed in.
 */
@Component
class StatementMails {

    private final MailOutbox outbox;
    private final PublicUrl publicUrl;

    StatementMails(MailOutbox outbox, PublicUrl publicUrl) {
        this.outbox = outbox;
        this.publicUrl = publicUrl;
    }

    void closed(Statement statement, String accountName, List<String> administrators) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        text.append("The ").append(statement.monthName()).append(" statement of ").append(accountName)
                .append(" is closed.\n\n");
        html.append("<p>The ").append(escape(statement.monthName())).append(" statement of ").append(escape(accountName))
                .append(" is closed.</p><table>");
        for (StatementLine line : statement.lines()) {
            String row = line.kind().description() + ": " + line.quantityText() + " " + line.kind().unit() + " × "
                    + line.unitPriceText() + " = " + statement.amount(line.amountMinor()) + " " + statement.currency();
            text.append(row).append('\n');
            html.append("<tr><td>").append(escape(row)).append("</td></tr>");
        }
        String total = "Total: " + statement.totalText() + " " + statement.currency();
        String link = publicUrl.of("/settings/billing/statements/" + statement.month() + ".pdf");
        text.append('\n').append(total).append("\n\nThe statement as PDF (administrators, signed in): ").append(link)
                .append('\n');
        html.append("</table><p><strong>").append(escape(total)).append("</strong></p><p><a href=\"")
                .append(escape(link)).append("\">The statement as PDF</a> (administrators, signed in)</p>");
        String subject = "Atrium statement for " + statement.monthName() + ": " + accountName;
        for (String to : recipients(statement.contact().email(), administrators)) {
            outbox.enqueue(new OutgoingMail(to, subject, text.toString(), html.toString(), false));
        }
    }

    void budgetReached(String accountName, Statement month, Budget budget, int threshold, List<String> administrators) {
        String spent = month.totalText() + " " + month.currency();
        String limit = budget.amountText() + " " + budget.currency();
        String text = accountName + " has used " + threshold + " % of its monthly budget: " + spent + " of " + limit
                + " in " + month.monthName() + " so far (UTC)."
                + (budget.stopIndexing() && threshold >= 100 ? " New indexing tasks are refused until the month ends"
                        + " or the budget is raised." : "")
                + "\n\nSee Settings > Billing & Plan: " + publicUrl.of("/settings/billing") + "\n";
        String html = "<p>" + escape(text.substring(0, text.indexOf("\n\n"))) + "</p><p><a href=\""
                + escape(publicUrl.of("/settings/billing")) + "\">Settings &gt; Billing &amp; Plan</a></p>";
        String subject = "Atrium budget: " + threshold + " % used by " + accountName;
        for (String to : recipients(null, administrators)) {
            outbox.enqueue(new OutgoingMail(to, subject, text, html, false));
        }
    }

    /** Each address once, compared without regard to case. */
    private static List<String> recipients(String contact, List<String> administrators) {
        Map<String, String> byKey = new LinkedHashMap<>();
        if (contact != null) {
            byKey.put(contact.toLowerCase(Locale.ROOT), contact);
        }
        administrators.forEach(address -> byKey.putIfAbsent(address.toLowerCase(Locale.ROOT), address));
        return List.copyOf(byKey.values());
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
