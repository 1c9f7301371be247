package io.atrium.sso;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks for the TXT record that proves an organization owns an email domain, asking the resolver
 * {@code atrium.sso.dns-resolver} names, or the system's. Every look-up goes to the resolver (no cache here), so a
 * record just added is found as soon as the resolver sees it.
 */
@Component
class DomainVerifier {

    /** The DNS server could not be asked, or did not answer: the domain is neither proven nor disproven. */
    static class DnsUnavailableException extends Exception {
        DnsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;

    DomainVerifier(SsoProperties properties) throws UnknownHostException {
        this.resolver = resolver(properties.dnsResolver());
        this.resolver.setTimeout(TIMEOUT);
    }

    private static Resolver resolver(String configured) throws UnknownHostException {
        if (configured == null || configured.isBlank()) {
            return new ExtendedResolver();
        }
        String value = configured.strip();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new SimpleResolver(value);
        }
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        return new SimpleResolver(new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1))));
    }

    /**
     * Whether a TXT record at the domain says exactly {@code expected}.
     *
     * @throws DnsUnavailableException when the resolver could not be reached or failed (not for a missing name)
     */
    boolean hasTxtRecord(String domain, String expected) throws DnsUnavailableException {
        Message response;
        try {
            Record question = Record.newRecord(Name.fromString(domain, Name.root), Type.TXT, DClass.IN);
            response = resolver.send(Message.newQuery(question));
        } catch (TextParseException e) {
            return false;
        } catch (IOException e) {
            throw new DnsUnavailableException("The DNS server did not answer", e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return false;
        }
        if (rcode != Rcode.NOERROR) {
            throw new DnsUnavailableException("The DNS server answered " + Rcode.string(rcode), null);
        }
        List<Record> answers = response.getSection(Section.ANSWER);
        return answers.stream().filter(TXTRecord.class::isInstance).map(TXTRecord.class::cast)
                // A long TXT record is split into strings of 255 characters; its value is their concatenation.
                .map(txt -> String.join("", txt.getStrings()))
                .anyMatch(expected::equals);
    }
}
