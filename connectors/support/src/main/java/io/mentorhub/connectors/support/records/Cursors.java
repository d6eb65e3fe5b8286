package io.mentorhub.connectors.support.records;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors: a connector's own fields joined and base64url-encoded under a prefix naming the connector and
 * format, so a cursor from another connector or an older format is recognised and refused instead of misread.
 */
public final class Cursors {

    private static final char SEPARATOR = '\u001f';

    private Cursors() {
    }

    public static String encode(String prefix, String... parts) {
        for (String part : parts) {
            if (part.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("cursor part contains the separator");
            }
        }
        String joined = prefix + SEPARATOR + String.join(String.valueOf(SEPARATOR), parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a cursor this prefix wrote, exactly {@code count} of them.
     *
     * @throws IllegalArgumentException if it was not written so
     */
    public static List<String> decode(String prefix, String cursor, int count) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor was not written by this connector");
        }
        List<String> parts = Arrays.asList(text.split(String.valueOf(SEPARATOR), -1));
        if (parts.size() != count + 1 || !parts.get(0).equals(prefix)) {
            throw new IllegalArgumentException("the cursor was not written by this connector");
        }
        return parts.subList(1, parts.size());
    }
}
