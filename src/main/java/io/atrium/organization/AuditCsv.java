package io.atrium.organization;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

import io.atrium.audit.AuditEntry;
import io.atrium.shared.Csv;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The audit log as CSV, the same for the page's link and the API: the stored codes and details for programs, and
 * the same words the page shows for people.
 */
final class AuditCsv {

    static final List<String> HEADER = List.of("created_at", "actor_id", "actor_name", "actor_email", "action",
            "description", "target", "details", "details_raw", "ip_address");

    private AuditCsv() {
    }

    static void write(List<AuditEntry> entries, HttpServletResponse response) throws IOException {
        Writer out = Csv.start(response, "audit-log.csv");
        Csv.row(out, HEADER);
        for (AuditEntry entry : entries) {
            AuditEntry.Actor actor = entry.actor();
            Csv.row(out, Arrays.asList(entry.createdAt(), actor == null ? null : actor.id(),
                    actor == null ? "Atrium" : actor.name(), actor == null ? null : actor.email(), entry.action(),
                    entry.sentence(), entry.target(), entry.readableDetails(), entry.details(), entry.clientAddress()));
        }
        out.flush();
    }
}
