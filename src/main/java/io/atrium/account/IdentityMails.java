package io.atrium.account;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.atrium.mail.OutgoingMail;
import io.atrium.shared.PublicUrl;

/**
 * Writes the identity mails: HTML from one template (escaped by Thymeleaf) and the same words as plain text. A mail
 * with a link holds a secret, so its body leaves the outbox once sent.
 */
@Component
class IdentityMails {

    private final ITemplateEngine templates;
    private final PublicUrl publicUrl;

    IdentityMails(ITemplateEngine templates, PublicUrl publicUrl) {
        this.templates = templates;
        this.publicUrl = publicUrl;
    }

    OutgoingMail confirmEmail(String to, String name, String token) {
        return compose(to, "Confirm your email address for Atrium",
                List.of("Hi " + name + ",", "Confirm that this is your email address to finish setting up your Atrium "
                        + "account. Until you do, you can't create organizations or API keys."),
                "Confirm email address", "/confirm-email/" + token,
                "The link works once and expires in 24 hours. If you didn't sign up for Atrium, you can ignore this email.", true);
    }

    OutgoingMail signUpAttempt(String to) {
        return compose(to, "Someone tried to sign up for Atrium with your email address",
                List.of("Someone tried to create an Atrium account with this email address, which already has one.",
                        "If it was you, log in instead, or reset your password if you don't remember it."),
                "Log in", "/login",
                "If it wasn't you, you don't need to do anything: no account was created and yours is unchanged.", false);
    }

    OutgoingMail resetPassword(String to, String name, String token) {
        return compose(to, "Reset your Atrium password",
                List.of("Hi " + name + ",", "Someone asked to reset the password of your Atrium account. "
                        + "Choose a new password with the link below. Setting it signs you out everywhere."),
                "Choose a new password", "/reset-password/" + token,
                "The link works once and expires in 1 hour. If you didn't ask for this, you can ignore this email: "
                        + "your password stays the same.", true);
    }

    OutgoingMail confirmNewEmail(String to, String name, String token) {
        return compose(to, "Confirm your new email address for Atrium",
                List.of("Hi " + name + ",", "Confirm that this is the new email address of your Atrium account. "
                        + "The change takes effect once you do."),
                "Confirm new email address", "/confirm-email-change/" + token,
                "The link works once and expires in 24 hours. If you didn't ask for this, you can ignore this email.", true);
    }

    OutgoingMail emailChanged(String to, String name, String newEmail) {
        return compose(to, "The email address of your Atrium account was changed",
                List.of("Hi " + name + ",", "The email address of your Atrium account was changed to " + newEmail
                        + ". Atrium now sends mail there, and you log in with it."),
                null, null,
                "If you didn't make this change, someone else may have your password: contact your administrator.", false);
    }

    /**
     * @param linkPath where the button leads, or null for a notice without a link
     * @param holdsSecret whether the link is a single-use secret
     */
    private OutgoingMail compose(String to, String subject, List<String> paragraphs, String action, String linkPath,
            String footnote, boolean holdsSecret) {
        String link = linkPath == null ? null : publicUrl.of(linkPath);
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("subject", subject);
        context.setVariable("paragraphs", paragraphs);
        context.setVariable("action", action);
        context.setVariable("link", link);
        context.setVariable("footnote", footnote);
        String html = templates.process("account/mail/message", context);
        StringBuilder text = new StringBuilder();
        paragraphs.forEach(paragraph -> text.append(paragraph).append("\n\n"));
        if (link != null) {
            text.append(action).append(": ").append(link).append("\n\n");
        }
        text.append(footnote).append('\n');
        return new OutgoingMail(to, subject, text.toString(), html, holdsSecret);
    }
}
