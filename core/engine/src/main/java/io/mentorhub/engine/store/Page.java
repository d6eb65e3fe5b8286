package io.mentorhub.engine.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/** One page of a list ordered by (modified_at, id), and the cursor that continues after its last item. */
public record Page<T>(List<Stored<T>> items, String nextCursor) {

    /** What a caller asks for: at most {@code limit} items after {@code cursor}, modified after an instant. */
    public record Request(int limit, Cursor after, Instant modifiedAfter) {
    }

    /** The position after one item; opaque to callers (base64url). */
    public record Cursor(Instant modifiedAt, String id) {

        public String encode() {
            String raw = modifiedAt.getEpochSecond() + ":" + modifiedAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Parses a cursor; throws IllegalArgumentException for anything this hub did not issue. */
        public static Cursor decode(String encoded) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
                String[] parts = raw.split(":", 3);
                Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                int year = at.atOffset(ZoneOffset.UTC).getYear();
                if (year < 0 || year > 9999) {
                    throw new IllegalArgumentException("bad instant");
                }
                if (parts[2].isEmpty() || parts[2].length() > 64) {
                    throw new IllegalArgumentException("bad id");
                }
                return new Cursor(at, parts[2]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor issued by this hub", e);
            }
        }
    }
}
