package io.atrium.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.atrium.shared.PublicUrl;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * SMTP when {@code spring.mail.host} is set (Spring Boot then provides a {@link JavaMailSender}); otherwise
 * the development inbox, where a message counts as delivered once it is stored, and its links are logged.
 *
 * <p>Delivery is at least once: a node that dies after the SMTP server accepted a message but before the row was
 * marked sent leaves it to be sent again. Every attempt therefore carries the same {@code Message-ID}, made from
 * the outbox row's id and the public host, so that receivers can recognise the repeat and show it once.
 */
@Component
class DeliveryChannel {

    private static final Logger log = LoggerFactory.getLogger(DeliveryChannel.class);

    private final JavaMailSender smtp;
    private final MailProperties properties;
    private final PublicUrl publicUrl;

    DeliveryChannel(ObjectProvider<JavaMailSender> smtp, MailProperties properties, PublicUrl publicUrl) {
        this.smtp = smtp.getIfAvailable();
        this.properties = properties;
        this.publicUrl = publicUrl;
    }

    boolean smtp() {
        return smtp != null;
    }

    void deliver(OutboxRow mail) throws MessagingException {
        if (smtp == null) {
            log.info("Development inbox: \"{}\" for {} (links: {})", mail.subject(), mail.recipient(),
                    String.join(" ", links(mail.textBody())));
            return;
        }
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.textBody(), mail.htmlBody());
        // Spring's sender keeps a Message-ID set beforehand instead of letting Jakarta Mail make a new random one.
        message.setHeader("Message-ID", messageId(mail.id()));
        smtp.send(message);
    }

    /** The same for every attempt at one outbox row: {@code <row id@public host>}. */
    private String messageId(String outboxId) {
        String host = URI.create(publicUrl.base()).getHost();
        return "<" + outboxId + "@" + (host == null || host.isBlank() ? "localhost" : host) + ">";
    }

    private static java.util.List<String> links(String text) {
        return java.util.Arrays.stream(text.split("\\s+")).filter(word -> word.startsWith("http")).toList();
    }
}
