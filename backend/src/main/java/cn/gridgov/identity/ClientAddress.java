package cn.gridgov.identity;

import io.netty.util.NetUtil;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The caller's address for per-address limits and audit logs. Behind trusted proxies
 * ({@code quarkus.http.proxy.trusted-proxies}, IP addresses and CIDR ranges) it is the rightmost
 * {@code X-Forwarded-For} entry that is not a trusted proxy: each proxy appends the address it saw, so
 * everything left of that was written by the client and proves nothing (Quarkus itself takes the leftmost).
 */
@Startup
@Singleton
public class ClientAddress {

    private static final byte[] V4_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean forwarding;
    private final List<Range> trusted = new ArrayList<>();

    public ClientAddress(@ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
                         boolean forwarding,
                         @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> proxies) {
        this.forwarding = forwarding;
        proxies.orElse(List.of()).forEach(entry -> trusted.add(Range.parse(entry.trim())));
    }

    /** The client's address as described above (the socket's peer when it is not a trusted proxy). */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request == null ? null
                : request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
        String address = peer == null ? null : peer.hostAddress() != null ? peer.hostAddress() : peer.host();
        if (address == null) {
            return "unknown";
        }
        if (!forwarding || !isTrusted(address)) {
            return address;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] ip = ip(hops.get(i));
            if (ip == null) {
                // not an address: no proxy of ours wrote it, so the client did; the hop right of it stands
                return address;
            }
            address = NetUtil.bytesToIpAddress(ip);
            if (!isTrusted(ip)) {
                return address;
            }
        }
        return address;
    }

    private boolean isTrusted(String address) {
        byte[] ip = ip(address);
        return ip != null && isTrusted(ip);
    }

    private boolean isTrusted(byte[] ip) {
        for (Range range : trusted) {
            if (range.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client an address stands for when counting per-address limits: an IPv4 address itself, an IPv6 address
     * its /64 network (one subscriber holds a whole /64 and can rotate through it freely).
     */
    public static String limitKey(String address) {
        byte[] ip = address == null ? null : ip(address);
        if (ip == null) {
            return address;
        }
        if (ip.length == 4) {
            return NetUtil.bytesToIpAddress(ip);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** An IP literal's bytes (IPv4-mapped IPv6 as IPv4), or null: never a name lookup. */
    static byte[] ip(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(literal);
        if (ip != null && ip.length == 16 && Arrays.equals(Arrays.copyOf(ip, 12), V4_MAPPED)) {
            return Arrays.copyOfRange(ip, 12, 16);
        }
        return ip;
    }

    /** An address range in CIDR notation (a single address is a full-length prefix). */
    record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] network = ip(slash < 0 ? entry : entry.substring(0, slash));
            if (network == null) {
                throw new IllegalStateException("quarkus.http.proxy.trusted-proxies: '" + entry
                        + "' is not an IP address or CIDR range (host names are not supported)");
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalStateException("quarkus.http.proxy.trusted-proxies: bad prefix in '" + entry + "'");
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (ip[full] & mask) == (network[full] & mask);
        }
    }
}
