package io.mentorhub.connectors.scim;

/**
 * Weak entity tags from resource versions (RFC 7644 §3.14): {@code W/"<version>"} on every resource and in
 * meta.version. Conditions compare the opaque part only, so a client that drops the {@code W/} still matches.
 */
final class Etags {

    private Etags() {
    }

    static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Whether an If-Match or If-None-Match header value ({@code *} or a comma-separated list of tags) names this
     * version. A tag this service provider did not issue matches nothing.
     */
    static boolean matches(String header, long version) {
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/") || t.startsWith("w/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(Long.toString(version))) {
                return true;
            }
        }
        return false;
    }

    /** The single version an If-Match names, for an optimistic write; null for {@code *} or several tags. */
    static Long single(String header) {
        String t = header.strip();
        if (t.contains(",") || t.equals("*")) {
            return null;
        }
        if (t.startsWith("W/") || t.startsWith("w/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
