package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS server on loopback (UDP, a port of its own) that answers TXT questions from records a test publishes, and
 * NXDOMAIN for names it was given nothing for: what {@code atrium.sso.dns-resolver} points at in tests. One for the
 * whole test run, so every context that names it is the same.
 */
public final class LoopbackDns {

    private static final LoopbackDns SHARED = new LoopbackDns();

    private final Map<Name, List<String>> txt = new ConcurrentHashMap<>();
    private final DatagramSocket socket;

    private LoopbackDns() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        Thread server = new Thread(this::serve, "loopback-dns");
        server.setDaemon(true);
        server.start();
    }

    public static LoopbackDns shared() {
        return SHARED;
    }

    /** The {@code host:port} to name as the resolver. */
    public String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** Publishes a TXT record at the name. */
    public void publishTxt(String name, String value) {
        txt.computeIfAbsent(name(name), n -> new CopyOnWriteArrayList<>()).add(value);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // a malformed query or a closed socket: nothing to answer
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        List<String> values = txt.get(question.getName());
        if (values == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        if (question.getType() == Type.TXT) {
            values.forEach(value -> response.addRecord(
                    new TXTRecord(question.getName(), DClass.IN, 60, value), Section.ANSWER));
        }
        return response;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
