package sa.navaia.dialer.webhook.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import sa.navaia.dialer.config.TrustedProxies;

/**
 * Who sent a request, for the per-source rate limit. The direct peer, unless it is one of {@code DIALER_TRUSTED_PROXIES}:
 * then {@code X-Forwarded-For} is read from the right (each proxy appends the address it received from), skipping
 * trusted proxies, and the first address that is not one is the client. Anybody can write an {@code X-Forwarded-For}
 * header, so it is never read from a peer that is not trusted, and an entry that is not an IP literal ends the walk.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {
    }

    static String of(InetSocketAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
        String direct = peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !trusted.contains(peer.getAddress())) {
            return direct;
        }
        String client = direct;
        List<String> hops = forwardedFor.stream().flatMap(header -> List.of(header.split(",")).stream())
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = TrustedProxies.literal(hops.get(i));
            if (hop.isEmpty()) {
                return client; // not an address: whatever is left of it is the client's own say-so
            }
            client = normalised(hop.get(), hops.get(i));
            if (!trusted.contains(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private static String normalised(byte[] address, String text) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return text;
        }
    }
}
