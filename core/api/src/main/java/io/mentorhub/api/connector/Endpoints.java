package io.mentorhub.api.connector;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The rules every connector endpoint passes before the hub or a connector opens a connection to it: https unless the
 * instance explicitly allows http; no credentials in the URL; never a link-local address (169.254.0.0/16, fe80::/10)
 * or a cloud metadata service, by name or by address, so a connector setting cannot be turned against the hub's own
 * host. Private and loopback addresses stay allowed: an on-premises HRIS lives there. Connectors check each address
 * their resolver returns with {@link #checkAddress} (so DNS cannot rebind around {@link #check}) and follow a
 * redirect only with {@link #sameOrigin}.
 */
public final class Endpoints {

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
            "metadata.azure.com", "169.254.169.254", "100.100.100.200", "fd00:ec2::254");

    private Endpoints() {
    }

    /**
     * Returns the URL if it may be used as a connector endpoint.
     *
     * @throws IllegalArgumentException saying which rule it breaks
     */
    public static URI check(URI url, boolean allowHttp) {
        if (url == null || !url.isAbsolute() || url.isOpaque()) {
            throw new IllegalArgumentException("must be an absolute http(s) URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalArgumentException(scheme.equals("http")
                    ? "must use https (plain http only where the instance sets allow_http = true)"
                    : "must be an https URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry credentials; configure them as secrets");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("must name a host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (METADATA_HOSTS.contains(bare.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("must not point at a cloud metadata service");
        }
        if (isIpLiteral(bare)) {
            try {
                checkAddress(InetAddress.getByName(bare));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("has an invalid address");
            }
        }
        return url;
    }

    /**
     * Refuses an address a host name resolved to if it is link-local, a metadata service, unspecified (0.0.0.0, ::)
     * or multicast.
     *
     * @throws IllegalArgumentException saying why
     */
    public static InetAddress checkAddress(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            throw new IllegalArgumentException("resolves to a link-local address, which is refused");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("resolves to an unspecified or multicast address, which is refused");
        }
        String literal = address.getHostAddress();
        if (address instanceof Inet6Address) {
            literal = literal.replaceAll("%.*$", "").replaceAll("(^|:)0+([0-9a-f])", "$1$2");
        }
        if (METADATA_HOSTS.contains(literal)) {
            throw new IllegalArgumentException("resolves to a cloud metadata service, which is refused");
        }
        return address;
    }

    /** A redirect from {@code from} may be followed only to the same scheme, host and port. */
    public static boolean sameOrigin(URI from, URI to) {
        return to.isAbsolute() && from.getScheme().equalsIgnoreCase(to.getScheme())
                && from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost())
                && effectivePort(from) == effectivePort(to);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
