package io.atrium.invitation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.atrium.account.LoginPrompt;
import io.atrium.account.LoginPrompts;

/**
 * "Log in to accept" leads to the log-in page by way of {@code /invitations/{token}/login}: there the page says
 * which organization invited whom, and fills in the invited address.
 */
@Component
class InvitationLoginPrompts implements LoginPrompts {

    private static final Pattern LOG_IN_TO_ACCEPT = Pattern.compile("/invitations/([^/]+)/login");

    private final InvitationService invitations;

    InvitationLoginPrompts(InvitationService invitations) {
        this.invitations = invitations;
    }

    @Override
    public Optional<LoginPrompt> forReturnPath(String path) {
        Matcher matcher = LOG_IN_TO_ACCEPT.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return invitations.preview(matcher.group(1)).map(invitation -> new LoginPrompt(
                invitation.invitedBy() + " invited " + invitation.email() + " to join " + invitation.organizationName()
                        + " as " + invitation.role().label() + ". Log in with that address to accept.",
                invitation.email()));
    }
}
