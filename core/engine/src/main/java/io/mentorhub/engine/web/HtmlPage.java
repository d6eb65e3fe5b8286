package io.mentorhub.engine.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few server-rendered pages people open from an e-mail without logging in (survey form, unsubscribe). Every
 * value is escaped; responses are never cached, never framed, send no referrer (the URL holds a signed token) and
 * load nothing from elsewhere.
 */
public final class HtmlPage {

    /** Form bodies larger than this are refused: a survey's answers are at most 50 fields of 20,000 characters. */
    public static final int MAX_FORM_BYTES = 1 << 20;

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.5;color:#222}fieldset{border:1px solid #ccc;margin:1rem 0;padding:.75rem}"
            + "legend{font-weight:600}label{margin-right:.75rem;white-space:nowrap}textarea{width:100%}"
            + ".error{color:#a00;font-weight:600}.note,.scale{color:#555;font-size:.9rem}.required{color:#a00;"
            + "font-weight:normal}button{font-size:1rem;padding:.4rem 1rem}";

    private HtmlPage() {
    }

    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + escape(title) + "</title><style>"
                + STYLE + "</style></head><body>\n" + body + "\n</body></html>\n";
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static void write(HttpServletResponse response, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        headers(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    public static void redirect(HttpServletResponse response, String location) {
        headers(response);
        response.setStatus(303);
        response.setHeader("Location", location);
    }

    private static void headers(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    /** The token: the one path segment after the servlet's prefix, or null. */
    public static String token(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.length() < 2 || info.indexOf('/', 1) >= 0) {
            return null;
        }
        return info.substring(1);
    }

    /**
     * An application/x-www-form-urlencoded body as ordered fields; null if it is not one, too large, not UTF-8, or
     * names a field twice.
     */
    public static Map<String, String> form(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || request.getContentLengthLong() > MAX_FORM_BYTES) {
            return null;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.US_ASCII);
        if (text.isBlank()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (value.indexOf('\uFFFD') >= 0 || fields.put(name, value) != null) {
                    return null;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return fields;
    }
}
