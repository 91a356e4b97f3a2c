package sa.navaia.dialer.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies and load balancers whose {@code X-Forwarded-For} the receiver believes ({@code DIALER_TRUSTED_PROXIES}):
 * IP addresses and CIDR ranges, IPv4 or IPv6. Empty by default: the direct peer is the client.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    /** One address or range: the network's bytes and how many leading bits must match. */
    private record Range(byte[] network, int prefix) {

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
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Parses comma-separated IPs and CIDRs, like {@code 10.0.0.0/8,192.168.1.7,fd00::/8}; each bad entry is reported
     * to {@code problems} as one sentence naming {@code settingName}.
     */
    public static TrustedProxies parse(String value, String settingName, List<String> problems) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Optional<Range> range = range(entry);
            if (range.isEmpty()) {
                problems.add(settingName + " must be comma-separated IP addresses or CIDR ranges, like "
                        + "10.0.0.0/8,192.168.1.7; \"" + entry + "\" is neither.");
            } else {
                ranges.add(range.get());
            }
        }
        return new TrustedProxies(List.copyOf(ranges), value.strip());
    }

    private static Optional<Range> range(String entry) {
        int slash = entry.indexOf('/');
        Optional<byte[]> address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Range(address.get(), prefix));
    }

    /** The bytes of an IP literal; empty for anything else (a host name is never looked up). */
    public static Optional<byte[]> literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.isEmpty() || !candidate.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return Optional.empty();
        }
        if (candidate.indexOf(':') < 0 && !candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate).getAddress());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        return address != null && contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ranges as comma-separated CIDRs, each with its prefix ({@code 10.0.0.0/8,192.168.1.7/32}), as Tomcat's
     * {@code RemoteIpValve} takes them; empty when none are trusted.
     */
    public String cidrList() {
        StringBuilder list = new StringBuilder();
        for (Range range : ranges) {
            try {
                list.append(list.isEmpty() ? "" : ",").append(InetAddress.getByAddress(range.network()).getHostAddress())
                        .append('/').append(range.prefix());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("A parsed address has 4 or 16 bytes", e);
            }
        }
        return list.toString();
    }

    @Override
    public String toString() {
        return ranges.isEmpty() ? "none" : text;
    }
}
