package io.atrium.mail;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import io.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The development inbox: every message this server would have sent, readable by logged-in users. It exists
 * only while no SMTP host is configured (embedded mode); with SMTP its URLs answer 404.
 */
@Controller
class DevInboxController {

    private final OutboxRepository outbox;
    private final DeliveryChannel channel;

    DevInboxController(OutboxRepository outbox, DeliveryChannel channel) {
        this.outbox = outbox;
        this.channel = channel;
    }

    @GetMapping("/dev/inbox")
    String inbox(Model model) {
        requireDevelopmentMode();
        model.addAttribute("messages", outbox.newest(100));
        return "mail/inbox";
    }

    @GetMapping(value = "/dev/inbox/{id}", produces = "text/html")
    @ResponseBody
    String message(@PathVariable String id, HttpServletResponse response) {
        requireDevelopmentMode();
        // Mail HTML carries its styles inline, as mail clients need; it has no scripts and may load nothing.
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        return outbox.find(id).orElseThrow(() -> new NotFoundException("Message")).htmlBody();
    }

    private void requireDevelopmentMode() {
        if (channel.smtp()) {
            throw new NotFoundException("Development inbox");
        }
    }
}
