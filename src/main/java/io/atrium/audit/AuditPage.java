package io.atrium.audit;

import java.util.List;

/** One page of audit entries, with how many match in all. */
public record AuditPage(List<AuditEntry> entries, int page, int limit, long total) {

    public int totalPages() {
        return Math.toIntExact((total + limit - 1) / limit);
    }
}
