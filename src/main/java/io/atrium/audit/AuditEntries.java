package io.atrium.audit;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Reads an account's audit log (R-ORG-7). Callers have already made sure the reader is an admin of the account
 * (or the owner of a personal account): this feature knows entries, not roles.
 */
@Service
public class AuditEntries {

    private final AuditRepository entries;

    AuditEntries(AuditRepository entries) {
        this.entries = entries;
    }

    /** The most a CSV export holds: the newest entries that match, enough for a year of a busy organization. */
    public static final int EXPORT_LIMIT = 100_000;

    /** Every matching entry, newest first, up to {@link #EXPORT_LIMIT}: what a CSV export holds. */
    public List<AuditEntry> export(String accountId, AuditFilter filter) {
        return entries.find(accountId, filter, true, EXPORT_LIMIT, 0);
    }

    /**
     * @param page from 1; a page past the end is empty
     * @param limit entries per page, at least 1
     */
    public AuditPage page(String accountId, AuditFilter filter, boolean newestFirst, int page, int limit) {
        if (page < 1 || limit < 1) {
            throw new IllegalArgumentException("page and limit start at 1");
        }
        long offset = (long) (page - 1) * limit;
        long total = entries.count(accountId, filter);
        return new AuditPage(offset >= total ? List.of()
                : entries.find(accountId, filter, newestFirst, limit, offset), page, limit, total);
    }
}
