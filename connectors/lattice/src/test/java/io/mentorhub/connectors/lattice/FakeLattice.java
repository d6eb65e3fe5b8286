package io.mentorhub.connectors.lattice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher.ReviewGoal;
import io.mentorhub.testkit.ScriptedTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lattice Talent API v1 goal and user endpoints as a WireMock extension, in memory, with the shapes of Lattice's
 * published schema: {@code GET /v1/users} and {@code GET /v1/user/{id}/goals} as lists ({@code object: "list"},
 * {@code data}, {@code hasMore}, {@code endingCursor}) paged with {@code limit} and {@code startingAfter};
 * {@code POST /v1/goals} (GoalCreate: name, startDate, dueDate and ownerIds required), {@code PUT /v1/goals/{id}}
 * (GoalUpdate), {@code POST /v1/goal/{id}/updates} (comment, currentAmount); errors as {@code {"error": "…"}};
 * bearer-token authentication. It counts goals created and progress updates posted, per goal.
 */
public final class FakeLattice extends ScriptedTarget implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-lattice";
    public static final int STALL_MILLIS = 2500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_GOALS = Pattern.compile("/v1/user/([^/]+)/goals");
    private static final Pattern GOAL = Pattern.compile("/v1/goals/([^/]+)");
    private static final Pattern GOAL_UPDATES = Pattern.compile("/v1/goal/([^/]+)/updates");

    private final String key;
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Map<String, ObjectNode> goals = new LinkedHashMap<>();
    private final Map<String, List<String>> owners = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> updates = new LinkedHashMap<>();
    private final List<JsonNode> replaced = new ArrayList<>();
    private int nextId = 1000;
    private long now = 1_790_000_000L;
    /** Writes still answered at once before one is stalled; negative: none is. */
    private int writesBeforeStall = -1;

    public FakeLattice(String key) {
        this.key = key;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized String user(String email, String status) {
        String id = "user_" + nextId++;
        ObjectNode user = JSON.createObjectNode();
        user.put("id", id);
        user.put("object", "user");
        user.put("url", "https://api.latticehq.com/v1/user/" + id);
        user.put("email", email);
        user.put("status", status);
        user.put("isAdmin", false);
        user.put("name", email.substring(0, email.indexOf('@')));
        user.put("createdAt", now);
        user.put("updatedAt", now);
        users.put(id, user);
        return id;
    }

    /** A goal someone made in Lattice (or an earlier run), owned by this user. */
    public synchronized String goal(String ownerId, String name, String description, String state, Double currentAmount) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("description", description);
        body.put("startDate", "2026-01-01");
        body.put("dueDate", "2026-12-31");
        body.putArray("ownerIds").add(ownerId);
        String id = store(body);
        goals.get(id).put("state", state);
        if (currentAmount != null) {
            goals.get(id).put("currentAmount", currentAmount);
        }
        return id;
    }

    public synchronized ObjectNode goal(String id) {
        return goals.get(id);
    }

    public synchronized List<ObjectNode> goalsLinkedTo(String externalId) {
        List<ObjectNode> linked = new ArrayList<>();
        for (ObjectNode goal : goals.values()) {
            if (externalId.equals(LatticeConnector.linkOf(goal.path("description").asText("")))) {
                linked.add(goal);
            }
        }
        return linked;
    }

    public synchronized List<JsonNode> updatesOf(String goalId) {
        return List.copyOf(updates.getOrDefault(goalId, List.of()));
    }

    public synchronized List<JsonNode> replacements() {
        return List.copyOf(replaced);
    }

    public synchronized int goalCount() {
        return goals.size();
    }

    @Override
    public synchronized int copies(Delivery.Keyed item) {
        return goalsLinkedTo(((ReviewGoal) item).externalId()).size();
    }

    @Override
    public synchronized void commitThenStall() {
        writesBeforeStall = 0;
    }

    /** The write after the next {@code writes} ones is committed and answered too late. */
    public synchronized void stallAfter(int writes) {
        writesBeforeStall = writes;
    }

    @Override
    protected ResponseDefinition unauthorized() {
        return error(401, "Unauthorized");
    }

    @Override
    protected ResponseDefinition rateLimited(ResponseDefinitionBuilder tooMany) {
        return tooMany.withHeader("Content-Type", "application/json").withBody("{\"error\":\"Too many requests\"}")
                .build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return error(500, "Internal server error");
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinition scripted = counted();
        if (scripted != null) {
            return scripted;
        }
        if (!("Bearer " + key).equals(request.getHeader("Authorization"))) {
            return error(401, "Unauthorized");
        }
        String path = request.getUrl().split("\\?")[0];
        String method = request.getMethod().getName();
        Matcher matcher;
        if (method.equals("GET") && path.equals("/v1/users")) {
            return list(request, new ArrayList<>(users.values().stream()
                    .filter(u -> u.get("status").asText().equals("ACTIVE")).toList()));
        }
        if (method.equals("GET") && (matcher = USER_GOALS.matcher(path)).matches()) {
            if (!users.containsKey(matcher.group(1))) {
                return error(404, "User not found");
            }
            String user = matcher.group(1);
            List<ObjectNode> owned = new ArrayList<>();
            goals.forEach((id, goal) -> {
                if (owners.get(id).contains(user)) {
                    owned.add(goal);
                }
            });
            return list(request, owned);
        }
        JsonNode body;
        try {
            body = request.getBody().length == 0 ? null : JSON.readTree(request.getBody());
        } catch (IOException e) {
            return error(400, "Request body is not valid JSON");
        }
        if (method.equals("POST") && path.equals("/v1/goals")) {
            String problem = invalid(body, false);
            if (problem != null) {
                return error(422, problem);
            }
            String id = store((ObjectNode) body);
            return answer(goals.get(id));
        }
        if (method.equals("PUT") && (matcher = GOAL.matcher(path)).matches()) {
            ObjectNode goal = goals.get(matcher.group(1));
            if (goal == null) {
                return error(404, "Goal not found");
            }
            String problem = invalid(body, true);
            if (problem != null) {
                return error(422, problem);
            }
            replaced.add(body);
            apply(goal, (ObjectNode) body);
            owners.put(goal.get("id").asText(), ownerIds(body));
            return answer(goal);
        }
        if (method.equals("POST") && (matcher = GOAL_UPDATES.matcher(path)).matches()) {
            ObjectNode goal = goals.get(matcher.group(1));
            if (goal == null) {
                return error(404, "Goal not found");
            }
            if (body == null || !body.path("currentAmount").isNumber()) {
                return error(400, "currentAmount must be a number");
            }
            goal.put("currentAmount", body.get("currentAmount").asDouble());
            goal.put("status", "OnTrack");
            goal.put("updatedAt", ++now);
            ObjectNode update = JSON.createObjectNode();
            update.put("id", "goal_update_" + nextId++);
            update.put("object", "goalUpdate");
            update.put("url", "https://api.latticehq.com/v1/goalUpdate/" + update.get("id").asText());
            update.putObject("goal").put("id", goal.get("id").asText()).put("object", "goal");
            update.putObject("author").put("id", "user_api").put("object", "user");
            update.put("comment", body.path("comment").asText(null));
            update.put("currentAmount", body.get("currentAmount").asDouble());
            update.put("createdAt", now);
            updates.computeIfAbsent(goal.get("id").asText(), k -> new ArrayList<>()).add(update);
            return answer(update);
        }
        return error(404, "Not found");
    }

    private static String invalid(JsonNode body, boolean update) {
        if (body == null || !body.isObject()) {
            return "Body must be a goal";
        }
        for (String field : update ? List.of("name", "description", "startDate", "dueDate", "priority", "private",
                "ownerIds", "okrType", "amountType", "startingAmount", "goalAmount", "companyGoal", "departmentId",
                "departmentsVisibleToIds", "goalCycleId", "tagNames", "isDraft", "parentId")
                : List.of("name", "startDate", "dueDate", "ownerIds")) {
            if (!body.has(field)) {
                return field + " is required";
            }
        }
        if (!body.get("ownerIds").isArray() || body.get("ownerIds").isEmpty()) {
            return "ownerIds must list at least one owner";
        }
        if (body.get("dueDate").asText().compareTo(body.get("startDate").asText()) < 0) {
            return "dueDate must not be before startDate";
        }
        if (body.path("name").asText().isBlank()) {
            return "name must not be blank";
        }
        return null;
    }

    private String store(ObjectNode body) {
        String id = "goal_" + nextId++;
        ObjectNode goal = JSON.createObjectNode();
        goal.put("id", id);
        goal.put("object", "goal");
        goal.put("url", "https://api.latticehq.com/v1/goal/" + id);
        goal.put("state", body.path("isDraft").asBoolean(false) ? "Draft" : "Active");
        goal.put("status", "NotUpdated");
        goal.put("goalType", "Individual");
        goal.put("okrType", body.path("okrType").asText("objective"));
        goal.putNull("priority");
        goal.put("amountType", "Percent");
        goal.put("startingAmount", body.path("startingAmount").asDouble(0));
        goal.put("endingAmount", body.path("goalAmount").asDouble(100));
        goal.putNull("currentAmount");
        goal.put("createdAt", ++now);
        goal.putNull("publishedAt");
        goal.putNull("completedAt");
        goal.putNull("archivedAt");
        goal.putNull("department");
        goal.putNull("parentGoal");
        goal.putObject("owners").put("object", "list").put("url", "https://api.latticehq.com/v1/goal/" + id + "/owners");
        goal.putObject("childGoals").put("object", "list")
                .put("url", "https://api.latticehq.com/v1/goal/" + id + "/childGoals");
        goal.putObject("tags").put("object", "list").put("url", "https://api.latticehq.com/v1/goal/" + id + "/tags");
        apply(goal, body);
        goals.put(id, goal);
        owners.put(id, ownerIds(body));
        return id;
    }

    private void apply(ObjectNode goal, ObjectNode body) {
        goal.put("name", body.get("name").asText());
        goal.put("description", body.path("description").asText(null));
        goal.put("startDate", body.get("startDate").asText());
        goal.put("dueDate", body.get("dueDate").asText());
        goal.put("isPrivate", body.path("private").asBoolean(false));
        goal.put("updatedAt", ++now);
    }

    private static List<String> ownerIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("ownerIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private ResponseDefinition answer(JsonNode body) {
        ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body.toString());
        if (writesBeforeStall == 0) {
            response.withFixedDelay(STALL_MILLIS);
        }
        if (writesBeforeStall >= 0) {
            writesBeforeStall--;
        }
        return response.build();
    }

    /** A page of a list: items after the {@code startingAfter} id, at most {@code limit} of them. */
    private static ResponseDefinition list(Request request, List<ObjectNode> items) {
        int limit = request.queryParameter("limit").isPresent()
                ? Integer.parseInt(request.queryParameter("limit").firstValue()) : 25;
        int from = 0;
        if (request.queryParameter("startingAfter").isPresent()) {
            String after = request.queryParameter("startingAfter").firstValue();
            from = -1;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).get("id").asText().equals(after)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                return error(400, "Invalid cursor");
            }
        }
        int to = Math.min(items.size(), from + limit);
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        list.put("hasMore", to < items.size());
        if (to > from) {
            list.put("endingCursor", items.get(to - 1).get("id").asText());
        } else {
            list.putNull("endingCursor");
        }
        ArrayNode data = list.putArray("data");
        items.subList(from, to).forEach(data::add);
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(list.toString()).build();
    }

    private static ResponseDefinition error(int status, String message) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(JSON.createObjectNode().put("error", message).toString()).build();
    }
}
