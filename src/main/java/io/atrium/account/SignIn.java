package io.atrium.account;

import java.time.Instant;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Where and when a session logged in, kept in the session itself for Profile > Sessions. Stored as plain
 * strings and an {@link Instant}, not as this record, so a session written by one version of Atrium still reads
 * in the next.
 *
 * @param browser a readable name ({@link BrowserNames}), never the raw header
 * @param address the client address of the log-in, as {@link HttpServletRequest#getRemoteAddr()} gives it (a
 *                forwarded address only from a configured proxy); {@code null} when unknown
 */
record SignIn(String browser, String address, Instant at) {

    private static final String BROWSER = "io.atrium.account.SignIn.browser";
    private static final String ADDRESS = "io.atrium.account.SignIn.address";
    private static final String AT = "io.atrium.account.SignIn.at";

    static SignIn of(HttpServletRequest request, Instant at) {
        return new SignIn(BrowserNames.describe(request.getHeader("User-Agent")), request.getRemoteAddr(), at);
    }

    void writeTo(HttpSession session) {
        session.setAttribute(BROWSER, browser);
        session.setAttribute(ADDRESS, address);
        session.setAttribute(AT, at);
    }

    /**
     * Reads what {@link #writeTo} wrote, from a session in the store or the servlet container's; a session that
     * logged in before Atrium noted this reads as an unknown browser and address, started when it was created.
     */
    static SignIn readFrom(Function<String, Object> attributes, Instant createdAt) {
        return new SignIn(
                attributes.apply(BROWSER) instanceof String browser ? browser : BrowserNames.UNKNOWN,
                attributes.apply(ADDRESS) instanceof String address ? address : null,
                attributes.apply(AT) instanceof Instant at ? at : createdAt);
    }
}
