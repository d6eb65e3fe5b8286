package io.mentorhub.connectors.bamboohr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.testkit.PeopleSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BambooHR's API as the connector uses it, from BambooHR's documentation: {@code POST
 * /api/gateway.php/{company}/v1/reports/custom?format=JSON&onlyCurrent=false} with a JSON body of {@code fields} and
 * an optional {@code filters.lastChanged} (only with {@code Content-Type: application/json} exactly — anything else
 * is parsed as XML and refused), answering {@code {title, fields:[{id,type,name}], employees:[{id, …}]}} with every
 * value a string or null and {@code 0000-00-00} for no date; {@code GET …/v1/employees/changed/?since=&type=}
 * answering {@code {latest, employees:{id:{id, action, lastChanged}}}}; HTTP Basic with the API key as user; 401 with
 * {@code X-BambooHR-Error-Message}; 503 with {@code Retry-After} when rate limited.
 */
final class FakeBambooHr implements ResponseDefinitionTransformerV2, PeopleSandbox {

    static final String NAME = "fake-bamboohr";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FIELD_NAMES = Map.ofEntries(Map.entry("employeeNumber", "Employee #"),
            Map.entry("firstName", "First Name"), Map.entry("lastName", "Last Name"),
            Map.entry("workEmail", "Work Email"), Map.entry("jobTitle", "Job Title"),
            Map.entry("department", "Department"), Map.entry("location", "Location"),
            Map.entry("supervisorEId", "Supervisor EID"), Map.entry("hireDate", "Hire Date"),
            Map.entry("terminationDate", "Termination Date"), Map.entry("status", "Status"),
            Map.entry("employmentHistoryStatus", "Employment Status"), Map.entry("division", "Division"));

    private final String company;
    private final String authorization;
    private final AtomicInteger requests = new AtomicInteger();
    private List<PersonRecord> people = List.of();
    private Map<String, Instant> lastChanged = Map.of();
    private final Set<String> corrupt = new HashSet<>();
    private final Map<String, Instant> deleted = new LinkedHashMap<>();
    private Failure failing;
    /** What the last report request asked for, so tests can check the request shape. */
    volatile JsonNode lastReportBody;

    FakeBambooHr(String company, String apiKey) {
        this.company = company;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":x").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Set<String> fields() {
        return Set.of(PersonFields.ID, PersonFields.EMPLOYEE_NUMBER, PersonFields.GIVEN_NAME, PersonFields.FAMILY_NAME,
                PersonFields.WORK_EMAIL, PersonFields.TITLE, PersonFields.DEPARTMENT, PersonFields.LOCATION,
                PersonFields.MANAGER_ID, PersonFields.HIRE_DATE, PersonFields.STATUS, PersonFields.TERMINATION_DATE);
    }

    @Override
    public synchronized void hold(List<PersonRecord> people, Map<String, Instant> lastChanged) {
        this.people = List.copyOf(people);
        this.lastChanged = Map.copyOf(lastChanged);
        corrupt.clear();
        deleted.clear();
    }

    @Override
    public synchronized void corrupt(String id) {
        corrupt.add(id);
    }

    @Override
    public boolean filtersByLastChange() {
        return true;
    }

    @Override
    public boolean reportsDeletions() {
        return true;
    }

    @Override
    public synchronized void delete(String id, Instant at) {
        deleted.put(id, at);
    }

    @Override
    public synchronized void fail(Failure failure) {
        failing = failure;
    }

    @Override
    public synchronized void stopFailing() {
        failing = null;
    }

    @Override
    public int requests() {
        return requests.get();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        requests.incrementAndGet();
        Request request = event.getRequest();
        if (failing != null) {
            switch (failing.type()) {
                case UNAUTHORIZED:
                    return unauthorized();
                case RATE_LIMITED:
                    return new ResponseDefinitionBuilder().withStatus(503)
                            .withHeader("Retry-After", String.valueOf(failing.retryAfter().toSeconds())).build();
                case SERVER_ERROR:
                    return new ResponseDefinitionBuilder().withStatus(500).withHeader("Content-Type", "text/html")
                            .withBody("<html><body>Internal Server Error</body></html>").build();
                case CONNECTION_RESET:
                    return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                case REDIRECT:
                    return new ResponseDefinitionBuilder().withStatus(302)
                            .withHeader("Location", failing.location().toString()).build();
                default:
                    throw new IllegalStateException(failing.type().name());
            }
        }
        if (!authorization.equals(request.getHeader("Authorization"))) {
            return unauthorized();
        }
        String path = request.getUrl().split("\\?", 2)[0];
        String prefix = "/api/gateway.php/" + company + "/v1";
        if (request.getMethod().getName().equals("POST") && path.equals(prefix + "/reports/custom")) {
            if (!"application/json".equals(request.getHeader("Content-Type"))) {
                return new ResponseDefinitionBuilder().withStatus(400)
                        .withHeader("X-BambooHR-Error-Message", "Malformed XML").build();
            }
            if (!request.queryParameter("format").firstValue().equalsIgnoreCase("json")
                    || !request.queryParameter("onlyCurrent").firstValue().equals("false")) {
                return new ResponseDefinitionBuilder().withStatus(400).build();
            }
            return report(request.getBodyAsString());
        }
        if (request.getMethod().getName().equals("GET") && (path.equals(prefix + "/employees/changed/")
                || path.equals(prefix + "/employees/changed"))) {
            return changed(request.queryParameter("since").firstValue(),
                    request.queryParameter("type").isPresent() ? request.queryParameter("type").firstValue() : null);
        }
        return new ResponseDefinitionBuilder().withStatus(404).build();
    }

    private static ResponseDefinition unauthorized() {
        return new ResponseDefinitionBuilder().withStatus(401)
                .withHeader("X-BambooHR-Error-Message", "Invalid API key").build();
    }

    private ResponseDefinition report(String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return new ResponseDefinitionBuilder().withStatus(400).build();
        }
        lastReportBody = request;
        List<String> requested = new ArrayList<>();
        request.path("fields").forEach(f -> requested.add(f.asText()));
        Instant since = null;
        JsonNode filter = request.path("filters").path("lastChanged");
        if (!filter.isMissingNode()) {
            since = OffsetDateTime.parse(filter.path("value").asText()).toInstant();
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("title", request.path("title").asText("Report"));
        ArrayNode fields = report.putArray("fields");
        for (String field : requested) {
            if (FIELD_NAMES.containsKey(field)) {
                fields.addObject().put("id", field).put("type", field.endsWith("Date") ? "date" : "text")
                        .put("name", FIELD_NAMES.get(field));
            }
        }
        ArrayNode employees = report.putArray("employees");
        for (PersonRecord person : people) {
            if (deleted.containsKey(person.id())) {
                continue;
            }
            if (since != null && lastChanged.getOrDefault(person.id(), Instant.EPOCH).isBefore(since)) {
                continue;
            }
            Map<String, String> values = values(person);
            ObjectNode employee = employees.addObject();
            employee.put("id", person.id());
            for (String field : requested) {
                if (FIELD_NAMES.containsKey(field)) {
                    employee.put(field, values.get(field));
                }
            }
            if (corrupt.contains(person.id()) && requested.contains("hireDate")) {
                employee.put("hireDate", "31/02/2021");
            }
        }
        return ok(report);
    }

    /** A person as BambooHR's fields hold them. */
    private static Map<String, String> values(PersonRecord person) {
        Map<String, String> values = new HashMap<>();
        values.put("employeeNumber", person.get(PersonFields.EMPLOYEE_NUMBER));
        values.put("firstName", person.get(PersonFields.GIVEN_NAME));
        values.put("lastName", person.get(PersonFields.FAMILY_NAME));
        values.put("workEmail", person.get(PersonFields.WORK_EMAIL));
        values.put("jobTitle", person.get(PersonFields.TITLE));
        values.put("department", person.get(PersonFields.DEPARTMENT));
        values.put("location", person.get(PersonFields.LOCATION));
        values.put("division", "North");
        values.put("supervisorEId", person.get(PersonFields.MANAGER_ID));
        values.put("hireDate", person.get(PersonFields.HIRE_DATE));
        String termination = person.get(PersonFields.TERMINATION_DATE);
        values.put("terminationDate", termination == null ? "0000-00-00" : termination);
        String status = person.get(PersonFields.STATUS);
        values.put("status", "T".equals(status) ? "Inactive" : "Active");
        values.put("employmentHistoryStatus", "T".equals(status) ? "Terminated"
                : "L".equals(status) ? "Leave of Absence" : "Full-Time");
        return values;
    }

    private ResponseDefinition changed(String since, String type) {
        Instant from = OffsetDateTime.parse(since).toInstant();
        ObjectNode answer = JSON.createObjectNode();
        Instant latest = from;
        Map<String, ObjectNode> changes = new LinkedHashMap<>();
        for (PersonRecord person : people) {
            Instant at = deleted.containsKey(person.id()) ? deleted.get(person.id())
                    : lastChanged.getOrDefault(person.id(), Instant.EPOCH);
            String action = deleted.containsKey(person.id()) ? "Deleted" : "Updated";
            if (at.isBefore(from) || (type != null && !type.equalsIgnoreCase(action))) {
                continue;
            }
            latest = at.isAfter(latest) ? at : latest;
            changes.put(person.id(), JSON.createObjectNode().put("id", person.id()).put("action", action)
                    .put("lastChanged", at.toString().replace("Z", "+00:00")));
        }
        answer.put("latest", latest.toString().replace("Z", "+00:00"));
        if (changes.isEmpty()) {
            answer.putArray("employees");
        } else {
            ObjectNode employees = answer.putObject("employees");
            changes.forEach(employees::set);
        }
        return ok(answer);
    }

    private static ResponseDefinition ok(JsonNode body) {
        try {
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsBytes(body)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
