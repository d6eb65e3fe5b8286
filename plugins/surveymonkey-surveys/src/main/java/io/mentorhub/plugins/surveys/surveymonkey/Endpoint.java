package io.mentorhub.plugins.surveys.surveymonkey;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the configured API base URL before any token is sent to it: https only, no user info, query or fragment,
 * and never a link-local, metadata, private or loopback address — a mistyped or hostile base URL must not make the
 * hub hand its SurveyMonkey token to a cloud metadata service or an internal host. Plain http and loopback are for
 * tests against a local fake only.
 */
final class Endpoint {

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "instance-data",
            "instance-data.ec2.internal", "metadata.azure.internal");

    private Endpoint() {
    }

    /** The base URL without a trailing slash, or {@link IllegalArgumentException} saying what is wrong. */
    static URI validate(String baseUrl, boolean allowPlainHttpForTests) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl is required");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPlainHttpForTests && scheme.equals("http"))) {
            throw new IllegalArgumentException("baseUrl must use https, was: " + scheme);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("baseUrl is the API's root, e.g. https://api.surveymonkey.com");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("baseUrl needs a host");
        }
        checkHost(host, allowPlainHttpForTests);
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    private static void checkHost(String host, boolean allowLocal) {
        if (METADATA_HOSTS.contains(host) || host.endsWith(".internal")) {
            throw new IllegalArgumentException("baseUrl must not point at a metadata or internal host: " + host);
        }
        boolean ipv6 = host.startsWith("[");
        if (!ipv6 && !NUMERIC_HOST.matcher(host).matches()) {
            if (!DNS_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("baseUrl host is not a DNS name: " + host);
            }
            if (host.equals("localhost") && !allowLocal) {
                throw new IllegalArgumentException("baseUrl must not point at this machine");
            }
            return;
        }
        InetAddress address;
        try {
            // A literal (dotted, single-number or IPv6) is parsed without any lookup.
            address = InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl host is not a valid address: " + host);
        }
        byte[] raw = address.getAddress();
        boolean uniqueLocal = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
        if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("baseUrl must not point at a link-local, wildcard or multicast"
                    + " address such as a cloud metadata service: " + host);
        }
        if (!allowLocal && (address.isLoopbackAddress() || address.isSiteLocalAddress() || uniqueLocal)) {
            throw new IllegalArgumentException("baseUrl must not point at a loopback or private address: " + host);
        }
    }
}
