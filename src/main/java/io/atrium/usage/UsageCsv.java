package io.atrium.usage;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

import io.atrium.shared.Csv;
import jakarta.servlet.http.HttpServletResponse;

/** Usage as CSV, newest day first, the same for the page's link and {@code GET /api/v1/usage.csv}. */
final class UsageCsv {

    private UsageCsv() {
    }

    static void write(UsageService usage, String accountId, UsageService.UsageReport report,
            UsageService.GroupBy groupBy, HttpServletResponse response) throws IOException {
        String name = "usage-" + report.from() + "-to-" + report.to()
                + (groupBy == null ? "" : "-by-" + groupBy.value()) + ".csv";
        Writer out = Csv.start(response, name);
        if (groupBy == null) {
            Csv.row(out, List.of("date", "api_requests", "tasks", "minutes_indexed", "storage_bytes"));
            for (int i = report.days().size() - 1; i >= 0; i--) {
                UsageService.DayUsage day = report.days().get(i);
                Csv.row(out, List.of(day.day(), day.apiRequests(), day.tasks(),
                        Math.round(day.minutesIndexed() * 100) / 100.0, day.storageBytes()));
            }
        } else {
            boolean byKey = groupBy == UsageService.GroupBy.API_KEY;
            Csv.row(out, byKey ? List.of("date", "api_key_id", "api_key_name", "api_key_prefix", "api_requests")
                    : List.of("date", "user_id", "name", "email", "api_requests"));
            usage.byCaller(accountId, report, groupBy).stream()
                    .flatMap(caller -> caller.days().stream().map(day -> Arrays.<Object>asList(day.day(), caller.id(),
                            caller.name(), caller.detail(), day.apiRequests())))
                    .sorted((a, b) -> ((Comparable) b.get(0)).compareTo(a.get(0)))
                    .forEach(row -> {
                        try {
                            Csv.row(out, row);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        out.flush();
    }
}
