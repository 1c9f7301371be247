package io.atrium.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Organizations with single sign-on set up through Settings > Organization > SSO as an administrator does it: the
 * provider saved, Test connection passed, a domain verified through {@link LoopbackDns}, and single sign-on on.
 */
public final class SsoOrganizations {

    public static final String SETTINGS = "/settings/organization/sso";
    public static final String CLIENT_SECRET_PREFIX = "s3cret-";

    private static final Pattern ORGANIZATION_ID = Pattern.compile("/login/oauth2/code/([0-9a-f]{24})");
    private static final Pattern REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"");
    private static final Pattern RECORD = Pattern.compile("atrium-domain-verification=[A-Za-z0-9_-]+");

    private SsoOrganizations() {
    }

    /**
     * @param issuerId the provider's issuer at {@link OidcProvider} (one of its own for each organization)
     * @param domain the email domain the organization owns; its administrator's address is in it
     * @param clientSecret the client secret saved with the provider, to look for where it must not be
     */
    public record SsoOrganization(String id, String name, String issuerId, String domain, String clientSecret,
            HttpVisitor admin, String adminEmail) {

        public String email(String who) {
            return who + "@" + domain;
        }
    }

    /** A domain no other test uses, such as {@code d1a2b3c4.example}. */
    public static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    /** Only the provider is saved: not tested, no domain, single sign-on off. */
    public static SsoOrganization withProvider(int port, OidcProvider provider, String joinRole)
            throws IOException, InterruptedException {
        String domain = uniqueDomain();
        String adminEmail = "admin@" + domain;
        String name = "SSO Org " + UUID.randomUUID().toString().substring(0, 6);
        HttpVisitor admin = HttpVisitor.signedUp(port, "Ada Admin", adminEmail);
        expectRedirect(admin.submit("/settings/organization", "/settings/organization", Map.of("name", name)));
        Matcher id = ORGANIZATION_ID.matcher(admin.get(SETTINGS).body());
        if (!id.find()) {
            throw new AssertionError("The SSO page shows no redirect URI");
        }
        String issuerId = "issuer-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = CLIENT_SECRET_PREFIX + UUID.randomUUID();
        expectRedirect(admin.submit(SETTINGS, SETTINGS + "/provider", Map.of("issuer", provider.issuer(issuerId),
                "clientId", "atrium-" + issuerId, "clientSecret", secret, "joinRole", joinRole)));
        return new SsoOrganization(id.group(1), name, issuerId, domain, secret, admin, adminEmail);
    }

    /** Provider saved and tested, the domain verified, single sign-on on. */
    public static SsoOrganization create(int port, OidcProvider provider, String joinRole)
            throws IOException, InterruptedException {
        SsoOrganization organization = withProvider(port, provider, joinRole);
        provider.nextSignIn(organization.issuerId(), "admin-subject", organization.adminEmail());
        testConnection(organization.admin(), organization.adminEmail());
        verifyDomain(organization.admin(), organization.domain());
        expectRedirect(organization.admin().submit(SETTINGS, SETTINGS + "/enabled", Map.of("on", "true")));
        return organization;
    }

    /** Selects Test connection and follows the round trip through the provider back to the settings page. */
    public static HttpResponse<String> testConnection(HttpVisitor admin) throws IOException, InterruptedException {
        return testConnection(admin, null);
    }

    /**
     * As {@link #testConnection(HttpVisitor)}; a provider that shows its log-in form ({@link OidcProvider#interactive})
     * is answered as the administrator {@code email}, verified.
     */
    public static HttpResponse<String> testConnection(HttpVisitor admin, String email)
            throws IOException, InterruptedException {
        HttpResponse<String> response = continued(admin, admin.submit(SETTINGS, SETTINGS + "/test", Map.of()));
        while (!(response.statusCode() == 302 && URI.create(location(response)).getPath().equals(SETTINGS))) {
            if (response.statusCode() == 200 && response.uri().getPath().endsWith("/authorize")) {
                response = admin.post(response.uri(), Map.of("username", "admin-subject",
                        "claims", "{\"email\": \"" + email + "\", \"email_verified\": true}"));
            } else {
                response = admin.follow(response);
            }
        }
        return admin.follow(response);
    }

    /** Adds the domain, publishes the organization's TXT record at it, and selects Verify. */
    public static void verifyDomain(HttpVisitor admin, String domain) throws IOException, InterruptedException {
        expectRedirect(admin.submit(SETTINGS, SETTINGS + "/domains", Map.of("domain", domain)));
        LoopbackDns.shared().publishTxt(domain, verificationRecord(admin));
        expectRedirect(admin.submit(SETTINGS, SETTINGS + "/domains/" + domain + "/verify", Map.of()));
    }

    /** The TXT record the organization's SSO page asks for. */
    public static String verificationRecord(HttpVisitor admin) throws IOException, InterruptedException {
        Matcher record = RECORD.matcher(admin.get(SETTINGS).body());
        if (!record.find()) {
            throw new AssertionError("The SSO page shows no verification record");
        }
        return record.group();
    }

    /**
     * Opens the organization's SSO link and follows every redirect (to the provider and back) until Atrium answers
     * something else than a redirect to the provider or to itself within the log-in; returns Atrium's last redirect
     * (to where the log-in leads) or its page.
     */
    public static HttpResponse<String> logIn(HttpVisitor visitor, String organizationId)
            throws IOException, InterruptedException {
        return followLogIn(visitor, continued(visitor, visitor.get("/sso/" + organizationId)));
    }

    /**
     * Moves on from the page single sign-on shows between a form and the provider, as its refresh does in a browser;
     * any other answer is returned as it is.
     */
    public static HttpResponse<String> continued(HttpVisitor visitor, HttpResponse<String> response)
            throws IOException, InterruptedException {
        Matcher refresh = REFRESH.matcher(response.body());
        return response.statusCode() == 200 && refresh.find() ? visitor.get(refresh.group(1)) : response;
    }

    /** Follows a log-in under way: through /oauth2/authorization, the provider, and /login/oauth2/code. */
    public static HttpResponse<String> followLogIn(HttpVisitor visitor, HttpResponse<String> response)
            throws IOException, InterruptedException {
        while (response.statusCode() == 302) {
            String path = response.uri().resolve(location(response)).getPath();
            boolean withinLogIn = path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/code/")
                    || path.endsWith("/authorize");
            if (!withinLogIn) {
                return response;
            }
            response = visitor.follow(response);
        }
        return response;
    }

    public static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("Not a redirect"));
    }

    private static void expectRedirect(HttpResponse<String> response) {
        if (response.statusCode() != 302) {
            throw new AssertionError("Expected a redirect, got " + response.statusCode() + ": " + response.body());
        }
    }
}
