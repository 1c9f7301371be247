package io.atrium.organization;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditEntries;
import io.atrium.audit.AuditFilter;
import io.atrium.audit.AuditPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Settings > Audit log of the active account (R-ORG-7), newest first, filtered by actor, action and UTC days.
 * For an organization's admins and a personal account's owner; members get 404, as for any page hidden from them.
 */
@Controller
class AuditLogPageController {

    static final String PATH = "/settings/audit-log";
    static final int PAGE_SIZE = 50;

    private final AuditEntries audit;

    AuditLogPageController(AuditEntries audit) {
        this.audit = audit;
    }

    @GetMapping(PATH)
    String auditLog(Actor reader,
            @RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "1") int page, Model model, HttpServletResponse response) {
        String accountId = reader.requireAdmin().accountId();
        model.addAttribute("actor", actor.strip());
        model.addAttribute("action", action.strip());
        model.addAttribute("from", from.strip());
        model.addAttribute("to", to.strip());
        model.addAttribute("groups", AuditAction.Group.values());
        AuditFilter filter;
        try {
            filter = AuditFilter.parse(actor, action, from, to);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", e.messagesByField());
            model.addAttribute("filtered", true);
            model.addAttribute("result", new AuditPage(List.of(), 1, PAGE_SIZE, 0));
            return "organization/audit-log";
        }
        AuditPage result = audit.page(accountId, filter, true, Math.max(page, 1), PAGE_SIZE);
        if (result.entries().isEmpty() && result.total() > 0) {
            // A page past the end, from an old link: show the last one.
            result = audit.page(accountId, filter, true, result.totalPages(), PAGE_SIZE);
        }
        model.addAttribute("errors", Map.of());
        model.addAttribute("filtered", filter.any());
        model.addAttribute("result", result);
        model.addAttribute("csvUrl", csvUrl(filter));
        if (result.page() > 1) {
            model.addAttribute("newerUrl", pageUrl(filter, result.page() - 1));
        }
        if (result.page() < result.totalPages()) {
            model.addAttribute("olderUrl", pageUrl(filter, result.page() + 1));
        }
        return "organization/audit-log";
    }

    /**
     * The entries the page's filter matches, all of them (up to {@link AuditEntries#EXPORT_LIMIT}), as CSV. A filter
     * that can't be read answers 400, as on the page.
     */
    @GetMapping(PATH + ".csv")
    void csv(Actor reader,
            @RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            HttpServletResponse response) throws java.io.IOException {
        String accountId = reader.requireAdmin().accountId();
        AuditFilter filter;
        try {
            filter = AuditFilter.parse(actor, action, from, to);
        } catch (InvalidInputException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        AuditCsv.write(audit.export(accountId, filter), response);
    }

    /** The CSV link for the filter the page shows. */
    static String csvUrl(AuditFilter filter) {
        return pageUrl(filter, 1).replace(PATH + "?", PATH + ".csv?").replaceAll("[?&]page=1$", "");
    }

    /** The same filter on another page, with only the parts that are set. */
    private static String pageUrl(AuditFilter filter, int page) {
        StringJoiner query = new StringJoiner("&", PATH + "?", "");
        addParameter(query, "actor", filter.actor());
        addParameter(query, "action", filter.action());
        addParameter(query, "from", filter.from());
        addParameter(query, "to", filter.to());
        addParameter(query, "page", page);
        return query.toString();
    }

    private static void addParameter(StringJoiner query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }
}
