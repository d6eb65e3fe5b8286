package io.mentorhub.connectors.lattice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.connectors.support.http.VendorHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Mentoring goals in a Lattice-shaped goals API ({@code https://api.latticehq.com/v1}, bearer API key, lists paged
 * with {@code limit}/{@code startingAfter} answering {@code hasMore}/{@code endingCursor}). One goal per participant
 * and hub goal: the owner is found by work e-mail ({@code GET /users}), the goal among the owner's goals
 * ({@code GET /user/{id}/goals}) by the link the connector writes into its description — {@code [mentorhub:<external
 * id>]}, since Lattice goals have no external-id field — then created ({@code POST /goals}, a percent goal from 0 to
 * 100), replaced when its name, description (which carries the hub status) or due date changed
 * ({@code PUT /goals/{id}}), and its progress posted as a goal update ({@code POST /goal/{id}/updates}) only when
 * Lattice's current amount differs.
 *
 * <p>Every write is preceded by that lookup, so a re-run updates instead of duplicating, and a retry after a create
 * that Lattice committed but whose answer was lost finds the goal and only brings it up to date.
 */
@Component(service = {Connector.class, GoalPublisher.class})
public final class LatticeConnector implements Connector, GoalPublisher, AutoCloseable {

    static final String BASE_URL = "base_url";
    static final String API_KEY = "api_key";
    static final String PRIVATE = "private_goals";
    static final String TAG = "goal_tag";
    static final String PAGE_SIZE = "page_size";
    static final String TIMEOUT = "timeout_seconds";

    private static final List<Setting> SETTINGS = List.of(
            Setting.optional(BASE_URL, "API base URL", Setting.Type.URL, "https://api.latticehq.com/v1",
                    "Lattice's API root; change it only for a proxy of your own or a compatible API"),
            Setting.required(API_KEY, "API key", Setting.Type.SECRET,
                    "A Lattice API key with access to users and goals (Admin > Settings > API keys)"),
            Setting.optional(PRIVATE, "Private goals", Setting.Type.BOOLEAN, "true",
                    "Create mentoring goals as private (visible to the owner, their managers and admins)"),
            Setting.optional(TAG, "Goal tag", Setting.Type.STRING, null,
                    "A tag for the goals the hub creates, e.g. mentoring; none if not set"),
            Setting.optional(PAGE_SIZE, "Page size", Setting.Type.INTEGER, "100",
                    "Users or goals per list request (1-100)"),
            Setting.optional(TIMEOUT, "Time-out (seconds)", Setting.Type.INTEGER, "30",
                    "How long to wait for Lattice to answer one request (1-300)"));

    /** The link the connector writes into a goal's description; the external id is URL-encoded. */
    static final Pattern LINK = Pattern.compile("\\[mentorhub:([A-Za-z0-9._~%*+-]+)]");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VendorHttp http;
    private final Clock clock;

    public LatticeConnector() {
        this(new VendorHttp("Lattice", VendorHttp.Limits.DEFAULT, List.of()), Clock.systemUTC());
    }

    LatticeConnector(VendorHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "lattice";
    }

    @Override
    public String displayName() {
        return "Lattice goals";
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.PERFORMANCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PERFORMANCE_GOALS);
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Deactivate
    @Override
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "LatticeConnector";
    }

    @Override
    public List<Delivery> publishGoals(ConnectorConfig config, List<ReviewGoal> goals) throws ConnectorException {
        Delivery.requireValidBatch(goals);
        LatticeApi lattice = api(config);
        Set<String> emails = new LinkedHashSet<>();
        goals.forEach(g -> emails.add(mailKey(g.ownerEmail())));
        Map<String, String> owners = lattice.userIds(emails);
        Map<String, List<JsonNode>> goalsByOwner = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>(goals.size());
        for (ReviewGoal goal : goals) {
            String owner = owners.get(mailKey(goal.ownerEmail()));
            if (owner == null) {
                deliveries.add(Delivery.refused(goal.key(), "no active Lattice user has the owner's work e-mail"));
                continue;
            }
            if (goal.dueDate() == null) {
                deliveries.add(Delivery.refused(goal.key(), "Lattice goals need a due date; this goal has none"));
                continue;
            }
            List<JsonNode> ownersGoals = goalsByOwner.get(owner);
            if (ownersGoals == null) {
                ownersGoals = lattice.goalsOf(owner);
                goalsByOwner.put(owner, ownersGoals);
            }
            deliveries.add(publish(lattice, goal, owner, ownersGoals));
        }
        return deliveries;
    }

    private Delivery publish(LatticeApi lattice, ReviewGoal goal, String owner, List<JsonNode> ownersGoals)
            throws ConnectorException {
        List<JsonNode> linked = new ArrayList<>();
        for (JsonNode candidate : ownersGoals) {
            if (goal.externalId().equals(linkOf(candidate.path("description").asText("")))) {
                linked.add(candidate);
            }
        }
        if (linked.size() > 1) {
            return Delivery.refused(goal.key(), linked.size() + " Lattice goals of the owner carry this goal's link;"
                    + " delete the extra ones in Lattice, then replay");
        }
        try {
            if (linked.isEmpty()) {
                JsonNode created = lattice.create(createBody(goal, owner, lattice));
                String id = created.path("id").asText("");
                if (id.isEmpty()) {
                    throw ConnectorException.transientFailure("Lattice answered a goal creation without the goal's id",
                            null);
                }
                if (goal.progressPercent() > 0) {
                    lattice.progress(id, goal.progressPercent(), comment(goal));
                }
                ownersGoals.add(created);
                return Delivery.delivered(goal.key(), id);
            }
            JsonNode found = linked.get(0);
            String id = found.path("id").asText();
            if ("Archived".equals(found.path("state").asText())) {
                // Archived in Lattice on purpose: left as it is, and not created again.
                return Delivery.delivered(goal.key(), id);
            }
            if (!found.path("name").asText().equals(goal.title())
                    || !normalized(found.path("description").asText("")).equals(normalized(description(goal)))
                    || !goal.dueDate().toString().equals(found.path("dueDate").asText())) {
                lattice.update(id, updateBody(goal, owner, found, lattice));
            }
            JsonNode current = found.path("currentAmount");
            if (!current.isNumber() || Math.abs(current.asDouble() - goal.progressPercent()) >= 0.005) {
                lattice.progress(id, goal.progressPercent(), comment(goal));
            }
            return Delivery.delivered(goal.key(), id);
        } catch (LatticeApi.Refused refused) {
            return Delivery.refused(goal.key(), refused.getMessage());
        }
    }

    private ObjectNode createBody(ReviewGoal goal, String owner, LatticeApi lattice) {
        LocalDate today = LocalDate.now(clock);
        ObjectNode body = JSON.createObjectNode();
        body.put("name", goal.title());
        body.put("description", description(goal));
        body.put("startDate", (goal.dueDate().isBefore(today) ? goal.dueDate() : today).toString());
        body.put("dueDate", goal.dueDate().toString());
        body.putArray("ownerIds").add(owner);
        body.put("private", lattice.privateGoals());
        body.put("okrType", "objective");
        body.put("amountType", "percent");
        body.put("startingAmount", 0);
        body.put("goalAmount", 100);
        body.put("companyGoal", false);
        body.put("isDraft", false);
        if (!lattice.tag().isEmpty()) {
            body.putArray("tagNames").add(lattice.tag());
        }
        return body;
    }

    /**
     * A full replacement, as the API's update takes it: what the hub owns from the hub goal, the rest carried over
     * from the goal as Lattice shows it. Lattice's goal object does not show co-owners, tag names, the goal cycle or
     * the departments it is visible to, so those are set as the hub created them.
     */
    private static ObjectNode updateBody(ReviewGoal goal, String owner, JsonNode found, LatticeApi lattice) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", goal.title());
        body.put("description", description(goal));
        String start = found.path("startDate").asText("");
        body.put("startDate", start.isEmpty() || start.compareTo(goal.dueDate().toString()) > 0
                ? goal.dueDate().toString() : start);
        body.put("dueDate", goal.dueDate().toString());
        if (found.path("priority").isInt()) {
            body.put("priority", found.get("priority").asInt());
        } else {
            body.putNull("priority");
        }
        body.put("private", found.path("isPrivate").asBoolean(lattice.privateGoals()));
        body.putArray("ownerIds").add(owner);
        body.put("okrType", found.path("okrType").asText("objective"));
        body.put("amountType", "percent");
        body.put("startingAmount", 0);
        body.put("goalAmount", 100);
        body.put("companyGoal", false);
        putIdOrNull(body, "departmentId", found.path("department"));
        body.putArray("departmentsVisibleToIds");
        body.putNull("goalCycleId");
        ArrayNode tags = body.putArray("tagNames");
        if (!lattice.tag().isEmpty()) {
            tags.add(lattice.tag());
        }
        body.put("isDraft", "Draft".equals(found.path("state").asText()));
        putIdOrNull(body, "parentId", found.path("parentGoal"));
        return body;
    }

    private static void putIdOrNull(ObjectNode body, String field, JsonNode reference) {
        String id = reference.path("id").asText("");
        if (id.isEmpty()) {
            body.putNull(field);
        } else {
            body.put(field, id);
        }
    }

    /** The hub's description, then a footer with the hub status and the link that finds the goal again. */
    static String description(ReviewGoal goal) {
        String text = goal.description() == null ? "" : goal.description().strip();
        return (text.isEmpty() ? "" : text + "\n\n") + "---\nMentoring goal kept in step by mentorhub. Status: "
                + statusText(goal.status()) + ". " + link(goal.externalId());
    }

    static String link(String externalId) {
        return "[mentorhub:" + URLEncoder.encode(externalId, StandardCharsets.UTF_8) + "]";
    }

    /** The external id a goal's description links to, or null. */
    static String linkOf(String description) {
        Matcher matcher = LINK.matcher(description);
        String found = null;
        while (matcher.find()) {
            found = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8); // the last one: the footer's
        }
        return found;
    }

    private static String comment(ReviewGoal goal) {
        return "Progress from mentorhub: " + goal.progressPercent() + "% (" + statusText(goal.status()) + ")";
    }

    private static String statusText(Goal.Status status) {
        return switch (status) {
            case NOT_STARTED -> "not started";
            case IN_PROGRESS -> "in progress";
            case COMPLETED -> "completed";
            case ABANDONED -> "abandoned";
        };
    }

    /** Line ends and trailing blanks as Lattice's markdown editor may rewrite them. */
    private static String normalized(String text) {
        return text.replace("\r\n", "\n").replaceAll("[ \t]+\n", "\n").strip();
    }

    static String mailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private LatticeApi api(ConnectorConfig config) throws ConnectorException {
        long seconds = config.number(TIMEOUT).orElse(30L);
        if (seconds < 1 || seconds > 300) {
            throw ConnectorException.config(TIMEOUT + " must be 1-300 seconds");
        }
        long pageSize = config.number(PAGE_SIZE).orElse(100L);
        if (pageSize < 1 || pageSize > 100) {
            throw ConnectorException.config(PAGE_SIZE + " must be 1-100");
        }
        URI base = config.url(BASE_URL).orElseThrow(() -> ConnectorException.config(BASE_URL + " is required"));
        return new LatticeApi(http, base, config.secret(API_KEY).orElseThrow(
                () -> ConnectorException.config(API_KEY + " is required")), (int) pageSize,
                Duration.ofSeconds(seconds), config.flag(PRIVATE), config.text(TAG).orElse("").strip());
    }
}
