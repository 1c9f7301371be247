package io.atrium.sso;

import java.util.Locale;
import java.util.Optional;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.account.IdentityService;
import io.atrium.account.IdentityService.SsoUser;
import io.atrium.account.UserView;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.organization.OrganizationService;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.sso.SsoSettingsRepository.SettingsRow;

/**
 * What a log-in through an organization's provider does once Spring Security has checked the provider's answer (the
 * state, the PKCE verifier, and the ID token's signature, issuer, audience, expiry and nonce): the organization must
 * have single sign-on turned on, the provider must say the address is verified, and the address must be in a domain
 * the organization owns. Then the person is found or created ({@link IdentityService#signInThroughSso}), joins the
 * organization with the configured role if they were not a member, and works in it.
 */
@Service
class SsoLogins {

    private final SsoSettingsRepository settings;
    private final SsoDomainRepository domains;
    private final IdentityService identity;
    private final OrganizationService organizations;
    private final AuditLog audit;

    SsoLogins(SsoSettingsRepository settings, SsoDomainRepository domains, IdentityService identity,
            OrganizationService organizations, AuditLog audit) {
        this.settings = settings;
        this.domains = domains;
        this.identity = identity;
        this.organizations = organizations;
        this.audit = audit;
    }

    /** The organization whose single sign-on an address of this domain logs in through, if one owns it and has it on. */
    Optional<String> organizationSigningIn(String domain) {
        return domains.organizationSigningIn(domain.toLowerCase(Locale.ROOT));
    }

    /**
     * The issuer of the organization's provider, to start a log-in through it.
     *
     * @throws NotFoundException when the organization does not exist or has single sign-on off
     */
    String issuerOf(String organizationId) {
        return settings.find(organizationId).filter(SettingsRow::enabled).map(SettingsRow::issuer)
                .orElseThrow(() -> new NotFoundException("Organization"));
    }

    /** @throws SsoRefusedException when the organization does not let this person in */
    @Transactional
    UserView logIn(String organizationId, OidcUser person) {
        SettingsRow row = settings.find(organizationId).filter(SettingsRow::enabled).orElseThrow(() ->
                new SsoRefusedException("Single sign-on is not turned on for this organization."));
        String email = person.getEmail();
        if (email == null || !Boolean.TRUE.equals(person.getEmailVerified())) {
            throw new SsoRefusedException("Your organization's provider did not confirm your email address "
                    + "(email_verified), so Atrium can't tell it is yours.");
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!domains.owns(organizationId, domain)) {
            throw new SsoRefusedException("Your email address is not in a domain this organization owns.");
        }
        SsoUser signedIn;
        try {
            signedIn = identity.signInThroughSso(organizationId, person.getIssuer().toString(), person.getSubject(),
                    email, person.getFullName());
        } catch (InvalidInputException e) {
            throw new SsoRefusedException(e.getMessage());
        }
        UserView user = signedIn.user();
        organizations.join(organizationId, user.id(), row.joinRole(), user.email());
        audit.record(organizationId, user.id(), AuditAction.SSO_LOGIN, user.email(),
                "issuer=" + row.issuer() + " user=" + signedIn.outcome().name().toLowerCase(Locale.ROOT));
        return user;
    }
}
