package io.mentorhub.plugins.surveys.surveymonkey;

import io.mentorhub.api.survey.SurveyToolException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SurveyMonkey API v3 over the JDK's HTTP client: bearer token, JSON in and out, and every failure turned into a
 * {@link SurveyToolException} — 401/403 CONFIG, 429 and 5xx and network errors TRANSIENT (with Retry-After), other
 * 4xx PERMANENT. Messages carry the status and SurveyMonkey's error id and name, never the token, a request body or
 * SurveyMonkey's free-text message (it may echo addresses). No retries: the hub owns them.
 */
final class SurveyMonkeyApi {

    /** Ids SurveyMonkey returns go into URL paths: only these characters, so a hostile id cannot change the path. */
    private static final Pattern PATH_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration timeout;

    SurveyMonkeyApi(URI base, String token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        // Redirects are not followed: a redirect to another host would carry the token there.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static String pathId(String id, String what) throws SurveyToolException {
        if (id == null || !PATH_ID.matcher(id).matches()) {
            throw SurveyToolException.permanent(what + " from SurveyMonkey is not a plain id");
        }
        return id;
    }

    Map<String, Object> get(String pathAndQuery, String what) throws SurveyToolException {
        return send(request(pathAndQuery).GET().build(), what);
    }

    Map<String, Object> post(String path, Object body, String what) throws SurveyToolException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build(), what);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Map<String, Object> send(HttpRequest request, String what) throws SurveyToolException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw SurveyToolException.transientFailure("SurveyMonkey did not answer in time (" + what + ")", null);
        } catch (IOException e) {
            throw SurveyToolException.transientFailure("SurveyMonkey could not be reached (" + what + ": "
                    + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SurveyToolException.transientFailure("interrupted while calling SurveyMonkey (" + what + ")", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return Json.object(Json.parse(response.body()), "the answer");
            } catch (IllegalArgumentException e) {
                // A cut or garbled body is usually a proxy or network fault: worth a retry.
                throw SurveyToolException.transientFailure("SurveyMonkey sent an unreadable answer (" + what + ")",
                        null);
            }
        }
        String detail = "HTTP " + status + errorOf(response.body()) + " (" + what + ")";
        if (status == 401 || status == 403) {
            throw SurveyToolException.config("SurveyMonkey refused the access token or its scopes: " + detail);
        }
        if (status == 429 || status >= 500 || status == 408) {
            throw SurveyToolException.transientFailure("SurveyMonkey is busy or failing: " + detail,
                    retryAfter(response).orElse(null));
        }
        throw SurveyToolException.permanent("SurveyMonkey refused the request: " + detail);
    }

    /** SurveyMonkey's error id and name, e.g. ", error 1014 Authorization Error", if the body has them. */
    private static String errorOf(String body) {
        try {
            Map<String, Object> error = Json.object(Json.object(Json.parse(body), "body").get("error"), "error");
            String id = Json.optionalText(error, "id");
            String name = Json.optionalText(error, "name");
            String text = (id == null ? "" : " " + id) + (name == null ? "" : " " + name);
            return text.isEmpty() ? "" : ", error" + text.replaceAll("[^A-Za-z0-9 ._-]", "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Retry-After in seconds, or as an HTTP date measured against the response's own Date header — so no clock is
     * read here.
     */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Optional<String> date = response.headers().firstValue("Date");
            if (date.isEmpty()) {
                return Optional.empty();
            }
            Duration wait = Duration.between(ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SurveyMonkeyApi[" + base + "]";
    }
}
