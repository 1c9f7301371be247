package io.atrium.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.account.AccountService;
import io.atrium.account.UserView;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.organization.OrganizationService;
import io.atrium.organization.Role;
import io.atrium.shared.Actor;
import io.atrium.shared.EmailAddresses;
import io.atrium.shared.InputCheck;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.PublicUrl;
import io.atrium.shared.SealedSecrets;
import io.atrium.shared.ServerSecret;
import io.atrium.sso.DomainVerifier.DnsUnavailableException;
import io.atrium.sso.SsoSettingsRepository.SettingsRow;

/**
 * The rules of Settings > Organization > SSO, for the organization's administrators: the provider (a change of issuer,
 * client id or secret must be tested again, and turns single sign-on off until then), the domains the organization
 * owns, turning single sign-on on (a successful Test connection and an owned domain first) and requiring it. Every
 * change is audited, never with the secret.
 */
@Service
class SsoSettingsService implements SealedSecrets {

    static final String SECRET_PURPOSE = "sso-client-secret";
    static final String VERIFICATION_PREFIX = "atrium-domain-verification=";

    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final SsoSettingsRepository settings;
    private final SsoDomainRepository domains;
    private final DomainVerifier verifier;
    private final OrganizationClientRegistrations registrations;
    private final OrganizationService organizations;
    private final AccountService accounts;
    private final ServerSecret secret;
    private final PublicUrl publicUrl;
    private final AuditLog audit;
    private final Clock clock;

    SsoSettingsService(SsoSettingsRepository settings, SsoDomainRepository domains, DomainVerifier verifier,
            OrganizationClientRegistrations registrations, OrganizationService organizations, AccountService accounts,
            ServerSecret secret, PublicUrl publicUrl, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.domains = domains;
        this.verifier = verifier;
        this.registrations = registrations;
        this.organizations = organizations;
        this.accounts = accounts;
        this.secret = secret;
        this.publicUrl = publicUrl;
        this.audit = audit;
        this.clock = clock;
    }

    SsoSettingsView view(Actor actor) {
        String accountId = admin(actor);
        Optional<SettingsRow> row = settings.find(accountId);
        List<String> admins = organizations.members(actor).stream().filter(m -> m.role() == Role.ADMIN)
                .map(m -> m.user().name() + " (" + m.user().email() + ")").toList();
        return new SsoSettingsView(row.isPresent(), row.map(SettingsRow::issuer).orElse(""),
                row.map(SettingsRow::clientId).orElse(""), row.isPresent(),
                row.map(SettingsRow::joinRole).orElse(Role.MEMBER), row.map(SettingsRow::testedAt).orElse(null),
                row.map(SettingsRow::enabled).orElse(false), row.map(SettingsRow::requireSso).orElse(false),
                registrations.redirectUri(accountId), verificationRecord(accountId),
                publicUrl.of("/sso/" + accountId), domains.ofAccount(accountId), admins);
    }

    /**
     * Saves the provider. A blank secret keeps the one saved; a change of issuer, client id or secret clears the test
     * and turns single sign-on off until Test connection succeeds again.
     *
     * @throws InvalidInputException for a field that breaks a rule
     */
    @Transactional
    void saveProvider(Actor actor, String rawIssuer, String rawClientId, String rawSecret, String rawRole) {
        String accountId = admin(actor);
        Optional<SettingsRow> current = settings.lock(accountId);
        InputCheck check = new InputCheck();
        String issuer = check.check(() -> issuer(rawIssuer));
        String clientId = check.check(() -> required("clientId", rawClientId, 255, "Enter the client ID."));
        boolean keepSecret = (rawSecret == null || rawSecret.isBlank()) && current.isPresent();
        String clientSecret = keepSecret ? null
                : check.check(() -> required("clientSecret", rawSecret, 500, "Enter the client secret."));
        Role role = check.check(() -> Role.parse("joinRole", rawRole));
        check.throwIfAny();
        Instant now = clock.instant();
        String sealed = keepSecret ? current.get().clientSecretSealed() : secret.seal(SECRET_PURPOSE, accountId, clientSecret);
        if (current.isEmpty()) {
            settings.insert(new SettingsRow(accountId, issuer, clientId, sealed, role, null, false, false), now);
        } else {
            SettingsRow before = current.get();
            boolean providerChanged = !before.issuer().equals(issuer) || !before.clientId().equals(clientId) || !keepSecret;
            settings.update(new SettingsRow(accountId, issuer, clientId, sealed, role,
                    providerChanged ? null : before.testedAt(), before.enabled() && !providerChanged,
                    before.requireSso()), now);
        }
        audit.record(accountId, actor.userId(), AuditAction.SSO_SETTINGS_CHANGED, "provider",
                "issuer=" + issuer + " client_id=" + clientId + " role=" + role.value()
                        + (keepSecret ? "" : " client_secret=changed"));
    }

    /**
     * Checks that the organization has a provider to test.
     *
     * @return the organization's id, the registration the test signs in through
     */
    String startTest(Actor actor) {
        String accountId = admin(actor);
        if (settings.find(accountId).isEmpty()) {
            throw new InvalidInputException("test", "sso_not_configured", "Save the provider's settings first.");
        }
        return accountId;
    }

    /**
     * Ends an administrator's Test connection: it succeeds when the provider vouched for that administrator's own
     * address, verified. Single sign-on can be turned on from then until the provider changes.
     *
     * @return null when the test passed, else why it did not
     */
    @Transactional
    String completeTest(String accountId, String userId, String email, boolean emailVerified) {
        if (organizations.roleOf(accountId, userId).orElse(null) != Role.ADMIN) {
            return "Only the organization's administrators can test its provider.";
        }
        UserView admin = accounts.findUser(userId).orElseThrow();
        if (email == null || !EmailAddresses.key(email).equals(EmailAddresses.key(admin.email()))) {
            return "The provider signed in " + (email == null ? "someone without an email address" : email)
                    + ", not you (" + admin.email() + "). Sign in at the provider as yourself.";
        }
        if (!emailVerified) {
            return "The provider did not confirm that " + email + " is verified (email_verified).";
        }
        SettingsRow row = settings.lock(accountId).orElse(null);
        if (row == null) {
            return "The provider's settings were removed meanwhile.";
        }
        settings.update(new SettingsRow(accountId, row.issuer(), row.clientId(), row.clientSecretSealed(), row.joinRole(),
                clock.instant(), row.enabled(), row.requireSso()), clock.instant());
        return null;
    }

    /** @throws InvalidInputException when turning on before a successful test, or without an owned domain */
    @Transactional
    void setEnabled(Actor actor, boolean on) {
        String accountId = admin(actor);
        SettingsRow row = settings.lock(accountId).orElseThrow(() -> new InvalidInputException("enabled",
                "sso_not_configured", "Save the provider's settings first."));
        if (on && row.testedAt() == null) {
            throw new InvalidInputException("enabled", "sso_not_tested",
                    "Test the connection first: sign in once through the provider.");
        }
        if (on && domains.countOwned(accountId) == 0) {
            throw new InvalidInputException("enabled", "sso_no_domain",
                    "Verify at least one email domain first: only addresses in owned domains can sign in.");
        }
        if (row.enabled() == on) {
            return;
        }
        settings.update(new SettingsRow(accountId, row.issuer(), row.clientId(), row.clientSecretSealed(), row.joinRole(),
                row.testedAt(), on, row.requireSso()), clock.instant());
        audit.record(accountId, actor.userId(), AuditAction.SSO_SETTINGS_CHANGED, "single sign-on", "enabled=" + on);
    }

    /** @throws InvalidInputException when requiring single sign-on while it is off */
    @Transactional
    void setRequired(Actor actor, boolean on) {
        String accountId = admin(actor);
        SettingsRow row = settings.lock(accountId).orElseThrow(() -> new InvalidInputException("requireSso",
                "sso_not_configured", "Save the provider's settings first."));
        if (on && !row.enabled()) {
            throw new InvalidInputException("requireSso", "sso_not_enabled", "Turn single sign-on on first.");
        }
        if (row.requireSso() == on) {
            return;
        }
        settings.update(new SettingsRow(accountId, row.issuer(), row.clientId(), row.clientSecretSealed(), row.joinRole(),
                row.testedAt(), row.enabled(), on), clock.instant());
        audit.record(accountId, actor.userId(), AuditAction.SSO_SETTINGS_CHANGED, "single sign-on", "require_sso=" + on);
    }

    /** @throws InvalidInputException for something that is not a domain name */
    @Transactional
    String addDomain(Actor actor, String rawDomain) {
        String accountId = admin(actor);
        String domain = domain(rawDomain);
        if (domains.insertIfAbsent(accountId, domain, clock.instant())) {
            audit.record(accountId, actor.userId(), AuditAction.SSO_SETTINGS_CHANGED, domain, "domain=added");
        }
        return domain;
    }

    @Transactional
    void removeDomain(Actor actor, String domain) {
        String accountId = admin(actor);
        if (!domains.delete(accountId, domain)) {
            throw new NotFoundException("Domain");
        }
        audit.record(accountId, actor.userId(), AuditAction.SSO_SETTINGS_CHANGED, domain, "domain=removed");
    }

    /**
     * Looks for the organization's TXT record at the domain; found, the organization owns the domain.
     *
     * @throws InvalidInputException when the record is not found, DNS does not answer, or another organization owns it
     */
    @Transactional
    void verifyDomain(Actor actor, String domain) {
        String accountId = admin(actor);
        if (domains.ofAccount(accountId).stream().noneMatch(row -> row.domain().equals(domain))) {
            throw new NotFoundException("Domain");
        }
        boolean found;
        try {
            found = verifier.hasTxtRecord(domain, verificationRecord(accountId));
        } catch (DnsUnavailableException e) {
            throw new InvalidInputException("domain", "dns_unavailable",
                    "DNS did not answer for " + domain + ". Try again in a few minutes.");
        }
        if (!found) {
            throw new InvalidInputException("domain", "domain_record_not_found", "No TXT record " + VERIFICATION_PREFIX
                    + "… for this organization was found at " + domain + ". DNS changes can take a while to show.");
        }
        try {
            domains.markOwned(accountId, domain, clock.instant());
        } catch (DuplicateKeyException ownedElsewhere) {
            throw new InvalidInputException("domain", "domain_owned_elsewhere",
                    domain + " belongs to another organization.");
        }
        audit.record(accountId, actor.userId(), AuditAction.SSO_SETTINGS_CHANGED, domain, "domain=verified");
    }

    /**
     * Seals every client secret that is not sealed under the current master key again under it (after a rotation).
     *
     * @return how many secrets were sealed again
     */
    @Override
    public String kind() {
        return "single sign-on client secret(s)";
    }

    @Override
    @Transactional
    public int sealSecretsUnderCurrentKey() {
        int resealed = 0;
        for (SettingsRow row : settings.all()) {
            if (!secret.isCurrent(row.clientSecretSealed())) {
                String plain = secret.open(SECRET_PURPOSE, row.accountId(), row.clientSecretSealed());
                settings.replaceSealedSecret(row.accountId(), secret.seal(SECRET_PURPOSE, row.accountId(), plain));
                resealed++;
            }
        }
        return resealed;
    }

    /**
     * The TXT record value that proves the domain is this organization's: derived from the master secret and the
     * organization's id, so it is the organization's own, stable, and guessed by no one else.
     */
    String verificationRecord(String accountId) {
        return VERIFICATION_PREFIX + secret.sign("sso-domain-verification", accountId).substring(0, 32);
    }

    private static String admin(Actor actor) {
        return actor.requireOrganization().requireAdmin().accountId();
    }

    private static String issuer(String raw) {
        String issuer = raw == null ? "" : raw.strip();
        String problem = null;
        try {
            URI uri = new URI(issuer);
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost());
            if (!("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "Enter the provider's issuer URL, such as https://login.example.com/realms/acme (https).";
            }
        } catch (URISyntaxException e) {
            problem = "Enter the provider's issuer URL, such as https://login.example.com/realms/acme (https).";
        }
        if (issuer.isEmpty() || issuer.length() > 500 || problem != null) {
            throw new InvalidInputException("issuer", "parameter_invalid",
                    problem != null ? problem : "Enter the provider's issuer URL.");
        }
        return issuer;
    }

    private static String required(String field, String raw, int max, String message) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty() || value.length() > max || CONTROL.matcher(value).find()) {
            throw new InvalidInputException(field, "parameter_invalid", message);
        }
        return value;
    }

    private static String domain(String raw) {
        String domain = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidInputException("domain", "parameter_invalid", "Enter a domain name, such as example.com.");
        }
        return domain;
    }
}
