package cn.gridgov.hotline;

import cn.gridgov.common.error.Invalid;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where callbacks may go (#11 §4, against server-side request forgery): https only (plain http only with the
 * development and test flag {@code gridgov.hotline.callback-allow-http}), and never to a loopback, private,
 * link-local, unique-local or wildcard address, unless the host is one of {@code gridgov.hotline.callback-allowed-hosts}.
 * Checked when a client is registered or an order names its URL (the literal host), and again before every send (the
 * addresses the host resolves to then, and the post connects to the address checked, not to a second lookup).
 */
@ApplicationScoped
public class CallbackPolicy {

    static final String REFUSED = "HOTLINE_CALLBACK_URL_REFUSED";
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+");
    private static final Pattern HEX_LABEL = Pattern.compile("(^|\\.)0x[0-9a-f]*", Pattern.CASE_INSENSITIVE);

    private final boolean allowHttp;
    private final Set<String> allowedHosts;
    private final Vertx vertx;
    private final Resolver resolver;

    /** Looks a host name up (blocking): the system's resolver, or a stand-in in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /**
     * Where one send may go: {@code refusal} when it may not; else {@code address}, the address that was checked and
     * that the post must connect to (so the name is not looked up a second time, when it could answer otherwise: DNS
     * rebinding), or null when there is nothing to pin (a listed host, a literal address, a name that did not resolve).
     */
    public record SendTarget(String refusal, InetAddress address) {
    }

    @Inject
    public CallbackPolicy(HotlineConfig config, Vertx vertx) {
        this(config.callbackAllowHttp(), config.callbackAllowedHosts().orElse(List.of()), vertx, InetAddress::getAllByName);
    }

    CallbackPolicy(boolean allowHttp, Collection<String> allowedHosts, Vertx vertx, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toSet());
        this.vertx = vertx;
        this.resolver = resolver;
    }

    /**
     * {@code url} (already a well-formed absolute http(s) URL, {@link CallbackUrl}) if the policy allows it by its
     * scheme and its literal host; 400 HOTLINE_CALLBACK_URL_REFUSED with the reason otherwise. Null stays null.
     */
    public String checked(String field, String url) {
        if (url == null) {
            return null;
        }
        String reason = refusal(URI.create(url));
        if (reason != null) {
            throw refused(field, url, reason);
        }
        return url;
    }

    /**
     * Before a send: whether {@code url} may be posted to now (the scheme, the literal host, every address the host
     * resolves to) and, if so, the address to connect to. The lookup runs off the event loop. A host that does not
     * resolve is no refusal: the post fails and is tried again later.
     */
    public Uni<SendTarget> atSend(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new SendTarget("not a URL", null));
        }
        String literal = refusal(uri);
        String host = host(uri);
        if (literal != null || allowed(host) || literalAddress(host)) {
            return Uni.createFrom().item(new SendTarget(literal, null));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            InetAddress[] addresses;
            try {
                addresses = resolver.addresses(host);
            } catch (UnknownHostException e) {
                return new SendTarget(null, null);
            }
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    return new SendTarget("地址 " + host + " 解析为本机、内网或链路本地地址 " + address.getHostAddress(), null);
                }
            }
            return new SendTarget(null, addresses.length == 0 ? null : addresses[0]);
        }));
    }

    /** Why the scheme or the literal host is refused, or null. */
    private String refusal(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !allowHttp) {
            return "回调地址须使用 https";
        }
        String host = host(uri);
        if (host == null || host.isEmpty()) {
            return "回调地址缺少主机名";
        }
        if (allowed(host)) {
            return null;
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("localhost.localdomain")) {
            return "回调地址不能指向本机（" + host + "）";
        }
        if (HEX_LABEL.matcher(host).find()) {
            return "回调地址的主机名不能是十六进制形式的地址（" + host + "）";
        }
        if (literalAddress(host)) {
            InetAddress address;
            try {
                address = InetAddress.getByName(host); // a literal address: no lookup
            } catch (UnknownHostException e) {
                return "回调地址的主机不是有效的 IP 地址（" + host + "）";
            }
            if (internal(address)) {
                return "回调地址不能指向本机、内网或链路本地地址（" + host + "）";
            }
        }
        return null;
    }

    /** Whether the host is an IP address written out (IPv4 digits, or IPv6 with colons): nothing to look up. */
    private static boolean literalAddress(String host) {
        return NUMERIC_HOST.matcher(host).matches() || host.contains(":");
    }

    private boolean allowed(String host) {
        return host != null && allowedHosts.contains(host);
    }

    /** Loopback, wildcard, private (RFC 1918), link-local, shared (100.64/10), unique-local (fc00::/7) or multicast. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || (b[0] & 0xff) == 0;
    }

    /** The host without IPv6 brackets, lower case. */
    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static Invalid refused(String field, String url, String reason) {
        return new Invalid(REFUSED, field + " 不被允许：" + reason + "。回调只发往对方系统的公网 https 地址（如需内网网关，"
                + "请由运维在 gridgov.hotline.callback-allowed-hosts 中登记）",
                field + " is refused (" + url + "): callbacks go to public https addresses only, unless the host is "
                        + "listed in gridgov.hotline.callback-allowed-hosts");
    }
}
