package io.atrium.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The details of an entry in words, for the Audit log page and its CSV: features store them as {@code key=value}
 * facts ({@code from=member to=admin}, {@code bucket=clips, videos=3}) so they stay stable and searchable, and this
 * reads them out ("Regular user → Administrator", "Bucket: clips · Videos: 3"). A key this version does not know
 * reads as its words ("Some key: value"), so old entries and new ones never fail to show.
 */
public final class AuditDetails {

    /** A fact starts at a {@code key=} that follows the start, a comma or a space. */
    private static final Pattern FACT = Pattern.compile("(?:^|,\\s*|\\s+)([a-z_]+)=");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("role", "Role"), Map.entry("bucket", "Bucket"), Map.entry("index", "Index"),
            Map.entry("videos", "Videos"), Map.entry("failed", "Failed"), Map.entry("organization_id", "Organization id"),
            Map.entry("address", "From address"), Map.entry("left", "Recovery codes left"),
            Map.entry("reason", "Reason"), Map.entry("required", "Required"), Map.entry("expires_at", "Expires"),
            Map.entry("changed", "Changed"), Map.entry("models", "Models"), Map.entry("duration", "Duration"),
            Map.entry("error", "Error"));

    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("admin", "Administrator"), Map.entry("member", "Regular user"),
            Map.entry("free", "Free"), Map.entry("developer", "Developer"), Map.entry("enterprise", "Enterprise"),
            Map.entry("true", "yes"), Map.entry("false", "no"),
            Map.entry("membership_ended", "the member who created it left the organization"),
            Map.entry("invitation", "through an invitation"), Map.entry("sso", "through single sign-on"),
            Map.entry("link", "through the emailed link"), Map.entry("organization_key", "with an organization key"));

    private AuditDetails() {
    }

    /** The stored details in words; {@code null} stays {@code null}, text without {@code key=} stays as it is. */
    public static String readable(String details) {
        if (details == null || details.isBlank()) {
            return null;
        }
        Map<String, String> facts = facts(details);
        if (facts.isEmpty()) {
            return details;
        }
        List<String> words = new ArrayList<>();
        String from = facts.remove("from");
        String to = facts.remove("to");
        if (from != null && to != null) {
            words.add(value(from) + " → " + value(to));
        } else if (from != null) {
            words.add("Was " + value(from));
        } else if (to != null) {
            words.add("Now " + value(to));
        }
        String was = facts.remove("was");
        if (was != null) {
            words.add("Was “" + was + "”");
        }
        String by = facts.remove("by");
        if (by != null) {
            words.add(capitalized(value(by)));
        }
        facts.forEach((key, value) -> words.add(label(key) + ": " + value(value)));
        return String.join(" · ", words);
    }

    /** The facts in the order stored. */
    static Map<String, String> facts(String details) {
        Map<String, String> facts = new LinkedHashMap<>();
        Matcher matcher = FACT.matcher(details);
        String key = null;
        int valueStart = 0;
        while (matcher.find()) {
            if (key != null) {
                facts.put(key, details.substring(valueStart, matcher.start()).strip());
            } else if (matcher.start() > 0) {
                return Map.of(); // text before the first fact: not the key=value form
            }
            key = matcher.group(1);
            valueStart = matcher.end();
        }
        if (key != null) {
            facts.put(key, details.substring(valueStart).strip());
        }
        return facts;
    }

    private static String label(String key) {
        String label = LABELS.get(key);
        return label != null ? label : capitalized(key.replace('_', ' '));
    }

    private static String value(String value) {
        String known = VALUES.get(value);
        if (known != null) {
            return known;
        }
        // an instant such as 2027-01-01T10:00:00Z, as the log's other times read
        return value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z")
                ? value.substring(0, 10) + " " + value.substring(11, 16) + " UTC" : value;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
