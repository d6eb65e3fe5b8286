package io.mentorhub.connectors.support.http;

import io.mentorhub.api.connector.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a vendor: method, URL, headers, an optional body and the credentials it carries. The credentials are
 * kept apart from ordinary headers so that {@link VendorHttp} can put them on the wire and scrub them from anything
 * it reports; {@code toString()} shows neither them nor the body.
 */
public final class VendorRequest {

    private final String method;
    private final URI url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Secret> secrets = new ArrayList<>();
    private String authorization;
    private byte[] body;
    private String contentType;
    private Duration timeout = Duration.ofSeconds(30);

    private VendorRequest(String method, URI url) {
        this.method = method;
        this.url = Objects.requireNonNull(url, "url");
    }

    public static VendorRequest get(URI url) {
        return new VendorRequest("GET", url);
    }

    public static VendorRequest post(URI url, String contentType, byte[] body) {
        return withBody("POST", url, contentType, body);
    }

    /** A full replacement of a vendor's object (e.g. updating a goal). */
    public static VendorRequest put(URI url, String contentType, byte[] body) {
        return withBody("PUT", url, contentType, body);
    }

    private static VendorRequest withBody(String method, URI url, String contentType, byte[] body) {
        VendorRequest request = new VendorRequest(method, url);
        request.contentType = Objects.requireNonNull(contentType, "contentType");
        request.body = body.clone();
        return request;
    }

    public VendorRequest header(String name, String value) {
        if (name.equalsIgnoreCase("Authorization")) {
            throw new IllegalArgumentException("credentials go through basicAuth or bearer, so they are never shown");
        }
        headers.put(name, value);
        return this;
    }

    /** HTTP Basic authentication; both parts count as secrets (a password may be a fixed placeholder). */
    public VendorRequest basicAuth(Secret user, String password) {
        String pair = user.reveal() + ":" + password;
        String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        authorization = "Basic " + encoded;
        secrets.add(user);
        secrets.add(Secret.of(encoded));
        return this;
    }

    public VendorRequest basicAuth(String user, Secret password) {
        String pair = user + ":" + password.reveal();
        String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        authorization = "Basic " + encoded;
        secrets.add(password);
        secrets.add(Secret.of(encoded));
        return this;
    }

    public VendorRequest bearer(Secret token) {
        authorization = "Bearer " + token.reveal();
        secrets.add(token);
        return this;
    }

    /** A secret the body carries (e.g. a refresh token in a token request): scrubbed from any report too. */
    public VendorRequest bodyCarries(Secret secret) {
        secrets.add(secret);
        return this;
    }

    public VendorRequest timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        return this;
    }

    public String method() {
        return method;
    }

    public URI url() {
        return url;
    }

    Map<String, String> headers() {
        return headers;
    }

    String authorization() {
        return authorization;
    }

    byte[] body() {
        return body;
    }

    String contentType() {
        return contentType;
    }

    Duration timeout() {
        return timeout;
    }

    List<Secret> secrets() {
        return secrets;
    }

    /** The same request at another URL (a followed redirect), GET without a body if {@code asGet}. */
    VendorRequest redirectedTo(URI target, boolean asGet) {
        VendorRequest copy = new VendorRequest(asGet ? "GET" : method, target);
        copy.headers.putAll(headers);
        copy.secrets.addAll(secrets);
        copy.authorization = authorization;
        copy.timeout = timeout;
        if (!asGet) {
            copy.body = body;
            copy.contentType = contentType;
        }
        return copy;
    }

    /** Method and path only: no query (it may carry filters), no credentials, no body. */
    public String describe() {
        return method + " " + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
    }

    @Override
    public String toString() {
        return "VendorRequest[" + describe() + "]";
    }
}
