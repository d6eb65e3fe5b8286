package io.mentorhub.connectors.support.http;

import io.mentorhub.api.connector.Endpoints;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a host and refuses it if any address it resolves to breaks {@link Endpoints#checkAddress} — checked here,
 * at connection time, so a host name that passed the URL check cannot be re-pointed at a metadata service or a
 * link-local address by DNS.
 */
final class CheckedDnsResolver implements DnsResolver {

    private final DnsResolver delegate;

    CheckedDnsResolver(DnsResolver delegate) {
        this.delegate = delegate == null ? SystemDefaultDnsResolver.INSTANCE : delegate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = delegate.resolve(host);
        for (InetAddress address : addresses) {
            try {
                Endpoints.checkAddress(address);
            } catch (IllegalArgumentException e) {
                throw new RefusedAddressException(host + " " + e.getMessage());
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> result = new ArrayList<>();
        for (InetAddress address : resolve(host)) {
            result.add(new InetSocketAddress(address, port));
        }
        return result;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }

    /** A host that resolved to an address connectors must never reach. */
    static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }
}
