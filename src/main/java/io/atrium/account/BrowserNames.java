package io.atrium.account;

import java.util.List;

/**
 * A name a person recognises for the browser that sent a {@code User-Agent} header ("Firefox on macOS"), for
 * Profile > Sessions. Only the common browsers and systems are told apart; the header is the client's to write,
 * so the name is a hint, never evidence.
 */
final class BrowserNames {

    static final String UNKNOWN = "Unknown browser";

    /** A token the header contains, and the name it stands for. */
    private record Mark(String token, String name) {
    }

    /**
     * In the order they are tried: most browsers also claim to be the ones they descend from (Edge and Opera say
     * "Chrome", Chrome says "Safari"), so the descendants come first.
     */
    private static final List<Mark> BROWSERS = List.of(
            new Mark("Edg", "Edge"),
            new Mark("OPR/", "Opera"),
            new Mark("Opera", "Opera"),
            new Mark("SamsungBrowser/", "Samsung Internet"),
            new Mark("Firefox/", "Firefox"),
            new Mark("FxiOS/", "Firefox"),
            new Mark("CriOS/", "Chrome"),
            new Mark("Chromium/", "Chromium"),
            new Mark("Chrome/", "Chrome"),
            new Mark("Safari/", "Safari"));

    /** iPhones and iPads say "like Mac OS X", and Android says "Linux": they come first. */
    private static final List<Mark> SYSTEMS = List.of(
            new Mark("iPhone", "iPhone"),
            new Mark("iPad", "iPad"),
            new Mark("Android", "Android"),
            new Mark("Windows", "Windows"),
            new Mark("CrOS", "ChromeOS"),
            new Mark("Mac OS X", "macOS"),
            new Mark("Macintosh", "macOS"),
            new Mark("Linux", "Linux"));

    private BrowserNames() {
    }

    /** "Chrome on Linux"; the browser alone when the system is not recognised; {@link #UNKNOWN} without a browser. */
    static String describe(String userAgent) {
        if (userAgent == null) {
            return UNKNOWN;
        }
        String browser = find(BROWSERS, userAgent);
        if (browser == null) {
            return UNKNOWN;
        }
        String system = find(SYSTEMS, userAgent);
        return system == null ? browser : browser + " on " + system;
    }

    private static String find(List<Mark> marks, String userAgent) {
        return marks.stream().filter(mark -> userAgent.contains(mark.token())).map(Mark::name).findFirst().orElse(null);
    }
}
