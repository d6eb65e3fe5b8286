package io.mentorhub.connectors.lattice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.connectors.support.http.VendorRequest;
import io.mentorhub.connectors.support.http.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls the connector makes to one configured Lattice instance. Lists are read page by page to the end
 * ({@code limit}, {@code startingAfter} from the previous page's {@code endingCursor}, while {@code hasMore}); a
 * 400, 404 or 422 for one goal is {@link Refused} (that goal is refused, the batch goes on); everything else is the
 * hub's kind, from {@link VendorHttp}.
 */
final class LatticeApi {

    /** Lattice will not take this goal as sent; the message is Lattice's reason, scrubbed. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** More pages than this is a cursor going round in circles. */
    private static final int MAX_PAGES = 10_000;

    private final VendorHttp http;
    private final String base;
    private final Secret key;
    private final int pageSize;
    private final Duration timeout;
    private final boolean privateGoals;
    private final String tag;

    LatticeApi(VendorHttp http, URI base, Secret key, int pageSize, Duration timeout, boolean privateGoals, String tag) {
        String root = base.toString();
        this.http = http;
        this.base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.key = key;
        this.pageSize = pageSize;
        this.timeout = timeout;
        this.privateGoals = privateGoals;
        this.tag = tag;
    }

    boolean privateGoals() {
        return privateGoals;
    }

    String tag() {
        return tag;
    }

    /** The ids of the active users with these (lower-case) e-mails; the listing stops once all are found. */
    Map<String, String> userIds(Set<String> emails) throws ConnectorException {
        Map<String, String> ids = new HashMap<>();
        String cursor = null;
        Set<String> seen = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode list = list("/users", cursor, page);
            for (JsonNode user : list.get("data")) {
                String email = LatticeConnector.mailKey(user.path("email").asText(""));
                if (emails.contains(email) && !user.path("id").asText("").isEmpty()) {
                    ids.putIfAbsent(email, user.get("id").asText());
                }
            }
            cursor = next(list, seen, "/users");
            if (cursor == null || ids.size() == emails.size()) {
                return ids;
            }
        }
    }

    /** Every goal of a user, all pages. */
    List<JsonNode> goalsOf(String userId) throws ConnectorException {
        List<JsonNode> goals = new ArrayList<>();
        String path = "/user/" + segment(userId) + "/goals";
        String cursor = null;
        Set<String> seen = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode list = list(path, cursor, page);
            list.get("data").forEach(goals::add);
            cursor = next(list, seen, "/user/{id}/goals");
            if (cursor == null) {
                return goals;
            }
        }
    }

    JsonNode create(ObjectNode body) throws ConnectorException, Refused {
        return write(VendorRequest.post(URI.create(base + "/goals"), "application/json", bytes(body)), false);
    }

    JsonNode update(String goalId, ObjectNode body) throws ConnectorException, Refused {
        return write(VendorRequest.put(URI.create(base + "/goals/" + segment(goalId)), "application/json",
                bytes(body)), true);
    }

    void progress(String goalId, int percent, String comment) throws ConnectorException, Refused {
        ObjectNode body = JSON.createObjectNode();
        body.put("comment", comment);
        body.put("currentAmount", percent);
        write(VendorRequest.post(URI.create(base + "/goal/" + segment(goalId) + "/updates"), "application/json",
                bytes(body)), true);
    }

    /** @param ofAGoal the request is about one existing goal, so a 404 means that goal is gone */
    private JsonNode write(VendorRequest request, boolean ofAGoal) throws ConnectorException, Refused {
        VendorRequest sent = authorised(request);
        VendorResponse response = http.exchange(sent);
        int status = response.status();
        if (status == 404 && !ofAGoal) {
            throw ConnectorException.config("Lattice answered 404 to " + sent.describe() + " — check "
                    + LatticeConnector.BASE_URL);
        }
        if (status == 400 || status == 404 || status == 422) {
            ConnectorException reason = http.failure(sent, response);
            throw new Refused(reason.getMessage());
        }
        if (!response.successful()) {
            throw http.failure(sent, response);
        }
        return response.body().length == 0 ? JSON.createObjectNode() : http.parse(sent, response);
    }

    private JsonNode list(String path, String cursor, int page) throws ConnectorException {
        if (page >= MAX_PAGES) {
            throw ConnectorException.transientFailure("Lattice's " + path + " did not end after " + MAX_PAGES
                    + " pages", null);
        }
        String url = base + path + "?limit=" + pageSize + (cursor == null ? "" : "&startingAfter=" + encode(cursor));
        VendorRequest request = authorised(VendorRequest.get(URI.create(url)));
        VendorResponse response = http.exchange(request);
        if (response.status() == 404 && path.equals("/users")) {
            throw ConnectorException.config("Lattice answered 404 to " + request.describe() + " — check "
                    + LatticeConnector.BASE_URL);
        }
        if (!response.successful()) {
            throw http.failure(request, response);
        }
        JsonNode list = http.parse(request, response);
        if (!list.path("data").isArray() || !list.path("hasMore").isBoolean()) {
            throw ConnectorException.transientFailure("Lattice answered " + path
                    + " with something other than a list", null);
        }
        return list;
    }

    /** The cursor of the next page, or null after the last; a cursor seen before is a loop. */
    private static String next(JsonNode list, Set<String> seen, String what) throws ConnectorException {
        if (!list.get("hasMore").asBoolean()) {
            return null;
        }
        String cursor = list.path("endingCursor").asText("");
        if (cursor.isEmpty() || !seen.add(cursor)) {
            throw ConnectorException.transientFailure("Lattice's " + what + " said there is more but gave no new"
                    + " cursor", null);
        }
        return cursor;
    }

    private VendorRequest authorised(VendorRequest request) {
        return request.bearer(key).header("Accept", "application/json").timeout(timeout);
    }

    private static byte[] bytes(ObjectNode body) throws ConnectorException {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ConnectorException.permanent("a goal could not be written as JSON");
        }
    }

    private static String segment(String id) {
        return encode(id).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
