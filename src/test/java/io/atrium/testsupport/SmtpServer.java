package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** An in-process SMTP server (GreenMail) on a port chosen once, so it can be stopped and started again there. */
public final class SmtpServer implements org.junit.jupiter.api.extension.AfterAllCallback {

    private final int port = freePort();
    private GreenMail server;

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Starts the server and points the application under test at it, with jobs looked for every 100 ms. */
    public void serve(org.springframework.test.context.DynamicPropertyRegistry registry) {
        start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", this::port);
        registry.add("atrium.jobs.poll-interval", () -> "100ms");
    }

    /** As a registered extension ({@code @RegisterExtension static}), it stops after the test class. */
    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
        stop();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized MimeMessage[] received() {
        return server == null ? new MimeMessage[0] : server.getReceivedMessages();
    }

    /** The newest message delivered to the address, or {@code null}. */
    public MimeMessage latestTo(String address) throws MessagingException {
        MimeMessage latest = null;
        for (MimeMessage message : received()) {
            if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                latest = message;
            }
        }
        return latest;
    }

    /** What users received here, as a {@link Mailbox}. */
    public Mailbox mailbox() {
        return (email, subject) -> {
            MimeMessage newest = null;
            for (MimeMessage message : received()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email) && message.getSubject().contains(subject)) {
                    newest = message;
                }
            }
            return newest == null ? java.util.Optional.empty() : java.util.Optional.of(part(newest, "text/plain"));
        };
    }

    /** The decoded content of the first part of the message with this MIME type. */
    public static String part(Part message, String mimeType) throws MessagingException, IOException {
        if (message.isMimeType(mimeType)) {
            return (String) message.getContent();
        }
        if (message.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
