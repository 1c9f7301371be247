package io.atrium.apikey;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.atrium.shared.InvalidInputException;

/**
 * The client addresses a key is accepted from (issue 17): CIDR blocks of IPv4 and IPv6 ({@code 203.0.113.0/24},
 * {@code 2001:db8::/32}; a bare address is a block of one). Empty means anywhere. Only address literals are read,
 * never host names, so checking a list never asks DNS.
 */
record AddressAllowList(List<Block> blocks) {

    static final int MAX_BLOCKS = 50;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    static final AddressAllowList ANYWHERE = new AddressAllowList(List.of());

    record Block(byte[] network, int prefix, String text) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    AddressAllowList {
        blocks = List.copyOf(blocks);
    }

    boolean anywhere() {
        return blocks.isEmpty();
    }

    /** Whether a client address (as the connection or a trusted proxy gave it) is in one of the blocks. */
    boolean allows(String clientAddress) {
        if (anywhere()) {
            return true;
        }
        byte[] address = literal(clientAddress);
        return address != null && blocks.stream().anyMatch(block -> block.contains(address));
    }

    /** As stored and shown: the blocks separated by spaces; null for anywhere. */
    String stored() {
        return anywhere() ? null : String.join(" ", texts());
    }

    List<String> texts() {
        return blocks.stream().map(Block::text).toList();
    }

    static AddressAllowList fromStored(String stored) {
        return stored == null || stored.isBlank() ? ANYWHERE : parse(List.of(stored));
    }

    /**
     * Blocks as people type them: separated by commas, spaces or lines.
     *
     * @throws InvalidInputException naming {@code allowed_addresses} for anything that is not an address or a block
     */
    static AddressAllowList parse(List<String> entries) {
        Set<String> seen = new LinkedHashSet<>();
        List<Block> blocks = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            for (String part : SEPARATORS.split(entry == null ? "" : entry.trim())) {
                if (part.isEmpty()) {
                    continue;
                }
                Block block = block(part);
                if (block == null) {
                    invalid.add(part.length() > 60 ? part.substring(0, 60) + "…" : part);
                } else if (seen.add(block.text())) {
                    blocks.add(block);
                }
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidInputException("allowed_addresses", "parameter_invalid", "Not an IP address or CIDR block: "
                    + String.join(", ", invalid) + ". Write blocks such as 203.0.113.0/24 or 2001:db8::/32.");
        }
        if (blocks.size() > MAX_BLOCKS) {
            throw new InvalidInputException("allowed_addresses", "parameter_invalid",
                    "List at most " + MAX_BLOCKS + " addresses or blocks.");
        }
        return new AddressAllowList(blocks);
    }

    private static Block block(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] address = literal(host);
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("\\d{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return null;
            }
        }
        byte[] network = address.clone();
        for (int bit = prefix; bit < bits; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        String canonical = canonical(network) + "/" + prefix;
        return new Block(network, prefix, canonical);
    }

    /** The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as IPv4); null for anything else. */
    private static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(candidate).matches();
        if (v4) {
            for (String octet : candidate.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(candidate).matches()) {
            return null;
        }
        try {
            // A literal (only digits, dots, hex and colons): InetAddress parses it without a name lookup.
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    private static String canonical(byte[] network) {
        try {
            String host = InetAddress.getByAddress(network).getHostAddress();
            return network.length == 16 ? compress(host) : host;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }

    /** Java writes IPv6 in full ({@code 2001:db8:0:0:0:0:0:0}); people write the longest run of zeros as {@code ::}. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
