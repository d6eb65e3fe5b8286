package io.mentorhub.connectors.moodle;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.connectors.support.http.VendorRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Moodle site's REST web service ({@code /webservice/rest/server.php}). Every call is a form POST: the function
 * and {@code moodlewsrestformat=json} in the query (so server logs show what was called), the token and the
 * function's parameters in the body (so no access log or proxy ever records the token).
 *
 * <p>Moodle reports a failed function as HTTP 200 with {@code {"exception", "errorcode", "message"}}; {@link #call}
 * returns that as a {@link Fault} for the caller to judge — an unknown learner is not a failed call — and
 * {@link #failure} turns a fault the caller cannot absorb into the kind the hub acts on.
 */
final class MoodleSite {

    static final String REST_PATH = "/webservice/rest/server.php";

    /** The token, its user or its service is wrong or lacks a capability: only an administrator can fix it. */
    private static final Set<String> CONFIG_CODES = Set.of("invalidtoken", "accessexception", "nopermissions",
            "requireloginerror", "usernotfullysetup", "forcepasswordchangenotice", "sitepolicynotagreed",
            "wsusercannotassign", "manualpluginnotinstalled", "cannotviewreport", "accessdenied");
    /** The site is down for maintenance or its database stumbled: try again later. */
    private static final Set<String> TRANSIENT_CODES = Set.of("sitemaintenance", "dmlreadexception",
            "dmlwriteexception", "dbconnectionfailed", "dbsessionhandlerproblem", "dmltransactionexception");

    /** What Moodle said when a function failed. */
    record Fault(String function, String errorCode, String message) {
    }

    /** A function's result, or the fault Moodle raised instead. */
    record Answer(JsonNode result, Fault fault) {
        boolean failed() {
            return fault != null;
        }
    }

    private final VendorHttp http;
    private final URI endpoint;
    private final Secret token;
    private final Duration timeout;

    MoodleSite(VendorHttp http, URI endpoint, Secret token, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * The REST endpoint for a configured site address: the site's root (with or without a sub-directory such as
     * {@code /moodle}), or the full {@code …/webservice/rest/server.php} as Moodle's admin pages show it.
     */
    static URI endpoint(URI site) {
        String path = site.getRawPath() == null ? "" : site.getRawPath();
        if (path.endsWith(REST_PATH)) {
            return URI.create(site.getScheme() + "://" + site.getRawAuthority() + path);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(site.getScheme() + "://" + site.getRawAuthority() + path + REST_PATH);
    }

    /** Calls a web service function with its parameters (already in Moodle's {@code name[0][key]} form). */
    Answer call(String function, List<Map.Entry<String, String>> parameters) throws ConnectorException {
        StringBuilder body = new StringBuilder("wstoken=").append(encode(token.reveal()));
        for (Map.Entry<String, String> parameter : parameters) {
            body.append('&').append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
        }
        URI url = URI.create(endpoint + "?wsfunction=" + encode(function) + "&moodlewsrestformat=json");
        VendorRequest request = VendorRequest.post(url, "application/x-www-form-urlencoded",
                        body.toString().getBytes(StandardCharsets.UTF_8))
                .bodyCarries(token)
                .header("Accept", "application/json")
                .timeout(timeout);
        JsonNode result = http.json(request);
        if (result.isObject() && result.has("exception")) {
            return new Answer(null, new Fault(function, text(result.get("errorcode")), scrub(text(result.get("message")))));
        }
        return new Answer(result, null);
    }

    /** The hub's kind for a fault that fails the whole call. */
    ConnectorException failure(Fault fault) {
        String message = "Moodle refused " + fault.function() + " (" + fault.errorCode() + ": " + fault.message() + ")";
        if (isConfig(fault)) {
            return ConnectorException.config(message + advice(fault));
        }
        if (TRANSIENT_CODES.contains(fault.errorCode())) {
            return ConnectorException.transientFailure(message, null);
        }
        return ConnectorException.permanent(message);
    }

    /** Whether only an administrator can resolve the fault (a bad token, a missing function or capability). */
    static boolean isConfig(Fault fault) {
        // An unknown function is reported as a missing record of the external_functions table.
        return CONFIG_CODES.contains(fault.errorCode())
                || ("invalidrecord".equals(fault.errorCode()) && fault.message().contains("external_functions"));
    }

    static boolean isTransient(Fault fault) {
        return TRANSIENT_CODES.contains(fault.errorCode());
    }

    private static String advice(Fault fault) {
        switch (fault.errorCode()) {
            case "invalidtoken":
                return " — create a new token for the web service user and update the instance";
            case "invalidrecord":
                return " — the function is not installed on this site";
            case "accessexception":
                return " — the token's external service must be enabled, include " + fault.function()
                        + " and accept this hub's address";
            case "cannotviewreport":
                return " — enable completion tracking on the site and the course, and give the web service user"
                        + " report/completion:view";
            case "wsusercannotassign":
                return " — the configured student role must be assignable by the web service user in the course";
            default:
                return " — check the web service user's capabilities";
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }

    /** Moodle's message, without control characters or the token, at most 200 characters. */
    private String scrub(String message) {
        String clean = message.replaceAll("\\p{Cntrl}", " ").strip().replace(token.reveal(), Secret.MASK);
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
