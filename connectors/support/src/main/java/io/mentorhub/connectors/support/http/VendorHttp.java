package io.mentorhub.connectors.support.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Endpoints;
import io.mentorhub.api.connector.Secret;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way a connector talks HTTP. It checks every URL with {@link Endpoints#check} and every address a host name
 * resolves to with {@link Endpoints#checkAddress} before connecting; follows a redirect only to the same origin;
 * reads at most {@link Limits#maxBodyBytes()} of a body; never retries; and turns every outcome into either a
 * response or a {@link ConnectorException} of the kind the hub acts on — 401/403 CONFIG; 408, 425, 429 and 5xx
 * TRANSIENT with the server's {@code Retry-After}; any other 4xx PERMANENT; connection faults, time-outs and
 * truncated or malformed bodies TRANSIENT. Messages name the vendor, the status, the method and path, and the
 * vendor's own error text with every credential of the request scrubbed out; never a header, a query or a body.
 *
 * <p>One instance serves every configured instance of a connector (the pool is shared; credentials travel with
 * each {@link VendorRequest}); close it when the connector component goes away.
 */
public final class VendorHttp implements Closeable {

    /** Bounds of one client. */
    public record Limits(Duration connectTimeout, long maxBodyBytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 64L * 1024 * 1024);

        public Limits {
            if (connectTimeout.isNegative() || connectTimeout.isZero() || maxBodyBytes < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 8 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final String vendor;
    private final Limits limits;
    private final List<String> errorHeaders;
    private final Clock clock;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;

    /**
     * @param vendor       the vendor's name, for messages ("BambooHR")
     * @param errorHeaders response headers in which this vendor explains an error (read for messages)
     */
    public VendorHttp(String vendor, Limits limits, List<String> errorHeaders) {
        this(vendor, limits, errorHeaders, null, Clock.systemUTC());
    }

    VendorHttp(String vendor, Limits limits, List<String> errorHeaders, DnsResolver dns, Clock clock) {
        this.vendor = vendor;
        this.limits = limits;
        this.errorHeaders = List.copyOf(errorHeaders);
        this.clock = clock;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedDnsResolver(dns))
                .setConnectionFactory(new QuietConnectionFactory())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                        .build())
                .setMaxConnTotal(32)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("mentorhub-connector")
                .build();
    }

    /** Sends the request and parses a successful answer as JSON; any other answer is thrown as its kind. */
    public JsonNode json(VendorRequest request) throws ConnectorException {
        VendorResponse response = exchange(request);
        if (!response.successful()) {
            throw failure(request, response);
        }
        return parse(request, response);
    }

    /** Parses a response body as JSON; an empty, truncated or malformed body is TRANSIENT. */
    public JsonNode parse(VendorRequest request, VendorResponse response) throws ConnectorException {
        if (response.body().length == 0) {
            throw ConnectorException.transientFailure(vendor + " sent an empty body to " + request.describe(), null);
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw ConnectorException.transientFailure(vendor + " sent no JSON to " + request.describe(), null);
            }
            return node;
        } catch (IOException e) {
            // Jackson's message quotes the offending text, which may be a record's content: say only where.
            String where = e instanceof JacksonException j && j.getLocation() != null
                    ? " (at byte " + j.getLocation().getByteOffset() + ")" : "";
            throw ConnectorException.transientFailure(vendor + " sent malformed or truncated JSON to "
                    + request.describe() + where, null);
        }
    }

    /**
     * Sends the request, following same-origin redirects, and returns whatever status came back. Only transport
     * problems, refused endpoints, off-origin redirects and oversized bodies are thrown.
     */
    public VendorResponse exchange(VendorRequest request) throws ConnectorException {
        VendorRequest current = request;
        for (int hop = 0; ; hop++) {
            VendorResponse response = once(current);
            if (!REDIRECTS.contains(response.status())) {
                return response;
            }
            String location = response.header("Location").orElse(null);
            if (location == null) {
                return response;
            }
            URI target;
            try {
                target = current.url().resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw ConnectorException.permanent(vendor + " redirected " + current.describe()
                        + " to an unreadable location");
            }
            if (!Endpoints.sameOrigin(current.url(), target)) {
                throw ConnectorException.config(vendor + " redirected " + current.describe() + " to another origin ("
                        + target.getScheme() + "://" + target.getHost() + "); not followed — check the base URL");
            }
            if (hop + 1 >= MAX_REDIRECTS) {
                throw ConnectorException.config(vendor + " redirected " + request.describe() + " more than "
                        + MAX_REDIRECTS + " times; check the base URL");
            }
            boolean keepMethod = response.status() == 307 || response.status() == 308;
            if (!keepMethod && !current.method().equals("GET")) {
                throw ConnectorException.config(vendor + " redirected " + current.describe() + " with "
                        + response.status() + ", which would drop its body; check the base URL");
            }
            current = current.redirectedTo(target, !keepMethod);
        }
    }

    private VendorResponse once(VendorRequest request) throws ConnectorException {
        try {
            Endpoints.check(request.url(), true); // the scheme was settled when the URL setting passed ConnectorConfig
        } catch (IllegalArgumentException e) {
            throw ConnectorException.config(vendor + " URL " + e.getMessage());
        }
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.url());
        request.headers().forEach(http::setHeader);
        if (request.authorization() != null) {
            http.setHeader("Authorization", request.authorization());
        }
        if (request.body() != null) {
            // The content type exactly as given: some vendors reject "; charset=UTF-8" (BambooHR parses it as XML).
            http.setEntity(new ByteArrayEntity(request.body(), ContentType.parseLenient(request.contentType()), false));
            http.setHeader("Content-Type", request.contentType());
        }
        Timeout timeout = Timeout.of(request.timeout());
        http.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout).build());
        try {
            return client.execute(http, response -> read(request, response));
        } catch (BodyTooLarge e) {
            throw ConnectorException.permanent(vendor + " answered " + request.describe() + " with more than "
                    + limits.maxBodyBytes() / (1024 * 1024) + " MiB; ask for smaller pages");
        } catch (CheckedDnsResolver.RefusedAddressException e) {
            throw ConnectorException.config(vendor + " host " + e.getMessage());
        } catch (UnknownHostException e) {
            throw ConnectorException.transientFailure(vendor + " host " + request.url().getHost()
                    + " could not be resolved", null);
        } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
            throw ConnectorException.config(vendor + " TLS handshake with " + request.url().getHost()
                    + " failed (certificate or protocol); check the base URL and the trust store");
        } catch (InterruptedIOException e) { // connect, read and pool time-outs
            throw ConnectorException.transientFailure(vendor + " did not answer " + request.describe() + " within "
                    + request.timeout().toSeconds() + " s", null);
        } catch (ConnectException e) {
            throw ConnectorException.transientFailure("could not connect to " + vendor + " at "
                    + request.url().getHost() + " for " + request.describe(), null);
        } catch (IOException e) {
            // Reset, closed, truncated or malformed chunk: worth another try. The class name says which, no more.
            throw ConnectorException.transientFailure("connection to " + vendor + " failed during "
                    + request.describe() + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private VendorResponse read(VendorRequest request, ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (Header header : response.getHeaders()) {
            headers.put(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        int status = response.getCode();
        long limit = status >= 200 && status < 300 ? limits.maxBodyBytes() : MAX_ERROR_BODY;
        byte[] body = readBody(response.getEntity(), limit, status >= 200 && status < 300);
        return new VendorResponse(status, headers, body);
    }

    private static byte[] readBody(HttpEntity entity, long limit, boolean strict) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (strict && entity.getContentLength() > limit) {
            throw new BodyTooLarge();
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(entity.getContentLength(), 1024), Math.min(limit, 1 << 20)));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    if (strict) {
                        throw new BodyTooLarge();
                    }
                    out.write(buffer, 0, n - (int) (total - limit));
                    break; // an error body is only read for its explanation
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The kind a non-successful response stands for, with the vendor's explanation scrubbed of credentials. */
    public ConnectorException failure(VendorRequest request, VendorResponse response) {
        int status = response.status();
        String message = vendor + " answered " + status + " to " + request.describe() + detail(request, response);
        if (status == 401 || status == 403) {
            return ConnectorException.config(message + " — check the credentials and their permissions");
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            Duration wait = RetryAfter.parse(response.header("Retry-After").orElse(null),
                    response.header("Date").orElse(null), clock.instant()).orElse(null);
            return ConnectorException.transientFailure(message, wait);
        }
        if (status >= 400) {
            return ConnectorException.permanent(message);
        }
        return ConnectorException.permanent(vendor + " answered " + request.describe() + " with unexpected status "
                + status);
    }

    private String detail(VendorRequest request, VendorResponse response) {
        String text = null;
        for (String name : errorHeaders) {
            text = response.header(name).orElse(null);
            if (text != null && !text.isBlank()) {
                break;
            }
        }
        if ((text == null || text.isBlank()) && response.body().length > 0) {
            text = jsonError(response.body());
        }
        if (text == null || text.isBlank()) {
            return "";
        }
        return ": " + scrub(text, request.secrets());
    }

    private static String jsonError(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            for (String key : List.of("error", "error_description", "message", "errorMessage")) {
                JsonNode value = node.get(key);
                if (value != null && value.isValueNode()) {
                    text.append(text.length() == 0 ? "" : " — ").append(value.asText());
                }
            }
            return text.toString();
        } catch (IOException e) {
            return null; // an HTML error page or a cut body: the status says enough
        }
    }

    /** Control characters out, at most 200 characters, every credential of the request replaced by the mask. */
    static String scrub(String text, List<Secret> secrets) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        for (Secret secret : secrets) {
            clean = clean.replace(secret.reveal(), Secret.MASK);
        }
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }

    public String vendor() {
        return vendor;
    }

    @Override
    public void close() throws IOException {
        client.close();
        connections.close();
    }

    @Override
    public String toString() {
        return "VendorHttp[" + vendor + "]";
    }

    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
