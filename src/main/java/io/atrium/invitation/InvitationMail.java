package io.atrium.invitation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.atrium.mail.OutgoingMail;
import io.atrium.organization.Role;
import io.atrium.shared.PublicUrl;

/** Writes the invitation email: HTML from a template (escaped by Thymeleaf) and the same words as plain text. */
@Component
class InvitationMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ITemplateEngine templates;
    private final PublicUrl publicUrl;

    InvitationMail(ITemplateEngine templates, PublicUrl publicUrl) {
        this.templates = templates;
        this.publicUrl = publicUrl;
    }

    OutgoingMail compose(String to, String organizationName, String inviterName, Role role, String token,
            Instant expiresAt) {
        String link = publicUrl.of("/invitations/" + token);
        String expires = DATE.format(expiresAt);
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("organization", organizationName);
        context.setVariable("inviter", inviterName);
        context.setVariable("role", role.label());
        context.setVariable("link", link);
        context.setVariable("expires", expires);
        String html = templates.process("mail/invitation", context);
        String text = """
                %s invited you to join %s on Atrium as %s.

                Accept invitation: %s

                The link works once and expires on %s (UTC). If you don't have an Atrium account yet, you will \
                create one with this email address. If you weren't expecting this invitation, you can ignore this email.
                """.formatted(inviterName, organizationName, article(role.label()), link, expires);
        return new OutgoingMail(to, inviterName + " invited you to join " + organizationName + " on Atrium", text, html,
                true);
    }

    private static String article(String roleLabel) {
        return ("AEIOU".indexOf(roleLabel.charAt(0)) >= 0 ? "an " : "a ") + roleLabel;
    }
}
