package io.mentorhub.connectors.support.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a vendor answered: the status, the headers (names lower case; the last value of each) and the body, read up
 * to the client's limit.
 */
public record VendorResponse(int status, Map<String, String> headers, byte[] body) {

    public VendorResponse {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "VendorResponse[" + status + ", " + body.length + " bytes]";
    }
}
