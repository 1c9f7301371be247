package io.atrium.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import io.atrium.mail.MailOutbox;
import io.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The development inbox: the messages this server would have sent to the logged-in user's own address. It exists
 * only while no SMTP host is configured (embedded mode); with SMTP its URLs answer 404. Each user sees only mail
 * addressed to them, exactly as with a real mailbox: an invitation's link proves the invitee holds the address,
 * so nobody else may read it. Another user's message answers 404, like a missing one.
 */
@Controller
class DevInboxController {

    /** Shown above a message opened as HTML, so that a link followed from it is known to come from here. */
    private static final String DEVELOPMENT_BANNER = "<div style=\"font:14px sans-serif;background:#fff4ce;"
            + "border-bottom:1px solid #e0c068;padding:8px 12px;margin:0 0 12px\">Development inbox: this server has no "
            + "SMTP server, so this message was not sent. It is shown only to its recipient.</div>";

    private final MailOutbox outbox;
    private final AccountService accounts;

    DevInboxController(MailOutbox outbox, AccountService accounts) {
        this.outbox = outbox;
        this.accounts = accounts;
    }

    @GetMapping("/dev/inbox")
    String inbox(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        requireDevelopmentMode();
        String email = currentEmail(principal);
        model.addAttribute("recipient", email);
        model.addAttribute("messages", outbox.inboxOf(email));
        return "account/inbox";
    }

    @GetMapping(value = "/dev/inbox/{id}", produces = "text/html")
    @ResponseBody
    String message(@PathVariable String id, @AuthenticationPrincipal AtriumPrincipal principal,
            HttpServletResponse response) {
        requireDevelopmentMode();
        // Mail HTML carries its styles inline, as mail clients need; it has no scripts and may load nothing.
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        return DEVELOPMENT_BANNER + outbox.messageTo(currentEmail(principal), id)
                .orElseThrow(() -> new NotFoundException("Message")).htmlBody();
    }

    /** The address the user has now (the one they logged in with may have changed since). */
    private String currentEmail(AtriumPrincipal principal) {
        return accounts.findUser(principal.userId()).map(UserView::email)
                .orElseThrow(() -> new NotFoundException("User"));
    }

    private void requireDevelopmentMode() {
        if (!outbox.developmentInbox()) {
            throw new NotFoundException("Development inbox");
        }
    }
}
