package io.atrium.mail;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * SMTP when {@code spring.mail.host} is set (Spring Boot then provides a {@link JavaMailSender}); otherwise
 * the development inbox, where a message counts as delivered once it is stored, and its links are logged.
 */
@Component
class DeliveryChannel {

    private static final Logger log = LoggerFactory.getLogger(DeliveryChannel.class);

    private final JavaMailSender smtp;
    private final MailProperties properties;

    DeliveryChannel(ObjectProvider<JavaMailSender> smtp, MailProperties properties) {
        this.smtp = smtp.getIfAvailable();
        this.properties = properties;
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
        smtp.send(message);
    }

    private static java.util.List<String> links(String text) {
        return java.util.Arrays.stream(text.split("\\s+")).filter(word -> word.startsWith("http")).toList();
    }
}
