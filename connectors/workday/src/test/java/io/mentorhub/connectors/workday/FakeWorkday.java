package io.mentorhub.connectors.workday;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workday as the connector uses it. The token endpoint {@code POST /ccx/oauth2/{tenant}/token} takes the API client's
 * id and secret as HTTP Basic and a form body {@code grant_type=refresh_token&refresh_token=…}, answering
 * {@code {"access_token", "token_type":"Bearer", "expires_in"}} or 400/401 {@code {"error":"invalid_client"}}.
 * RaaS {@code GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json} answers {@code {"Report_Entry":
 * [{alias: value}]}} with every value text and dates written with their zone ({@code 2015-01-05-08:00}); a
 * {@code Changed_Since} prompt filters by last change. The REST API {@code GET /ccx/api/v1/{tenant}/workers
 * ?limit=&offset=} (limit at most 100) answers {@code {"total", "data":[{id, descriptor, href, primaryWorkEmail,
 * businessTitle, primarySupervisoryOrganization:{id, descriptor, href}}]}}. Both need the bearer token; rate limits
 * are 429 with Retry-After.
 */
final class FakeWorkday implements ResponseDefinitionTransformerV2, PeopleSandbox {

    static final String NAME = "fake-workday";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String tenant;
    private final String clientBasic;
    private final String refreshToken;
    private final boolean raas;
    private final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    private final Set<String> validTokens = new HashSet<>();
    private final Set<String> corrupt = new HashSet<>();
    private List<PersonRecord> people = List.of();
    private Map<String, Instant> lastChanged = Map.of();
    private Failure failing;
    private int issued;
    volatile String lastRaasQuery;

    FakeWorkday(String tenant, String clientId, String clientSecret, String refreshToken, boolean raas) {
        this.tenant = tenant;
        this.clientBasic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        this.refreshToken = refreshToken;
        this.raas = raas;
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
        return raas ? Set.of(PersonFields.ID, PersonFields.GIVEN_NAME, PersonFields.FAMILY_NAME, PersonFields.WORK_EMAIL,
                PersonFields.TITLE, PersonFields.DEPARTMENT, PersonFields.LOCATION, PersonFields.MANAGER_ID,
                PersonFields.HIRE_DATE, PersonFields.STATUS, PersonFields.TERMINATION_DATE)
                : Set.of(PersonFields.ID, PersonFields.WORK_EMAIL, PersonFields.TITLE, PersonFields.DEPARTMENT);
    }

    @Override
    public synchronized void hold(List<PersonRecord> people, Map<String, Instant> lastChanged) {
        this.people = List.copyOf(people);
        this.lastChanged = Map.copyOf(lastChanged);
        corrupt.clear();
    }

    @Override
    public synchronized void corrupt(String id) {
        corrupt.add(id);
    }

    @Override
    public boolean filtersByLastChange() {
        return raas;
    }

    @Override
    public boolean reportsDeletions() {
        return false;
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

    /** Workday revokes every access token issued so far (as when one expires early). */
    synchronized void revokeTokens() {
        validTokens.clear();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        requests.incrementAndGet();
        Request request = event.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        boolean tokenCall = path.equals("/ccx/oauth2/" + tenant + "/token");
        if (failing != null) {
            switch (failing.type()) {
                case UNAUTHORIZED:
                    return tokenCall ? error(401, "invalid_client", "Invalid client credentials") : unauthorized();
                case RATE_LIMITED:
                    return new ResponseDefinitionBuilder().withStatus(429)
                            .withHeader("Retry-After", String.valueOf(failing.retryAfter().toSeconds())).build();
                case SERVER_ERROR:
                    return error(500, "internal_error", "An unexpected error occurred");
                case CONNECTION_RESET:
                    return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                case REDIRECT:
                    return new ResponseDefinitionBuilder().withStatus(302)
                            .withHeader("Location", failing.location().toString()).build();
                default:
                    throw new IllegalStateException(failing.type().name());
            }
        }
        if (tokenCall && request.getMethod().getName().equals("POST")) {
            return token(request);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !validTokens.contains(authorization.substring(7))) {
            return unauthorized();
        }
        if (path.startsWith("/ccx/service/customreport2/" + tenant + "/")) {
            lastRaasQuery = request.getUrl().contains("?") ? request.getUrl().split("\\?", 2)[1] : "";
            if (!request.queryParameter("format").isPresent()
                    || !request.queryParameter("format").firstValue().equals("json")) {
                return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/xml")
                        .withBody("<wd:Report_Data xmlns:wd=\"urn:com.workday.report/x\"/>").build();
            }
            Instant since = request.queryParameter("Changed_Since").isPresent()
                    ? OffsetDateTime.parse(request.queryParameter("Changed_Since").firstValue()).toInstant() : null;
            return report(since);
        }
        if (path.equals("/ccx/api/v1/" + tenant + "/workers")) {
            int limit = Integer.parseInt(request.queryParameter("limit").firstValue());
            int offset = Integer.parseInt(request.queryParameter("offset").firstValue());
            if (limit < 1 || limit > 100 || offset < 0) {
                return error(400, "invalid_request", "limit must be between 1 and 100");
            }
            return workers(limit, offset);
        }
        return error(404, "not_found", "Resource not found");
    }

    private ResponseDefinition token(Request request) {
        tokenRequests.incrementAndGet();
        if (!clientBasic.equals(request.getHeader("Authorization"))) {
            return error(401, "invalid_client", "Invalid client credentials");
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
            return error(400, "invalid_grant", "Invalid refresh token");
        }
        String access = "wd-access-" + tenant + "-" + (++issued) + "-e81f";
        validTokens.add(access);
        ObjectNode body = JSON.createObjectNode().put("access_token", access).put("token_type", "Bearer")
                .put("expires_in", 3600).put("refresh_token", refreshToken);
        return ok(body);
    }

    private ResponseDefinition report(Instant since) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode entries = answer.putArray("Report_Entry");
        for (PersonRecord person : people) {
            if (since != null && lastChanged.getOrDefault(person.id(), Instant.EPOCH).isBefore(since)) {
                continue;
            }
            ObjectNode entry = entries.addObject();
            entry.put("Employee_ID", person.id());
            put(entry, "First_Name", person.get(PersonFields.GIVEN_NAME));
            put(entry, "Last_Name", person.get(PersonFields.FAMILY_NAME));
            put(entry, "Work_Email", person.get(PersonFields.WORK_EMAIL));
            put(entry, "Business_Title", person.get(PersonFields.TITLE));
            put(entry, "Department", person.get(PersonFields.DEPARTMENT));
            put(entry, "Location", person.get(PersonFields.LOCATION));
            put(entry, "Manager_Employee_ID", person.get(PersonFields.MANAGER_ID));
            put(entry, "Hire_Date", corrupt.contains(person.id()) ? "soon" : person.get(PersonFields.HIRE_DATE) + "-08:00");
            String status = person.get(PersonFields.STATUS);
            entry.put("Worker_Status", "T".equals(status) ? "Terminated" : "L".equals(status) ? "On Leave" : "Active");
            put(entry, "Termination_Date", person.get(PersonFields.TERMINATION_DATE));
        }
        return ok(answer);
    }

    private static void put(ObjectNode entry, String alias, String value) {
        if (value != null) { // RaaS leaves an empty column out of the entry
            entry.put(alias, value);
        }
    }

    private ResponseDefinition workers(int limit, int offset) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("total", people.size());
        ArrayNode data = answer.putArray("data");
        for (int i = offset; i < Math.min(people.size(), offset + limit); i++) {
            PersonRecord person = people.get(i);
            ObjectNode worker = data.addObject();
            if (!corrupt.contains(person.id())) {
                worker.put("id", person.id());
            }
            worker.put("descriptor", person.get(PersonFields.GIVEN_NAME) + " " + person.get(PersonFields.FAMILY_NAME));
            worker.put("href", "https://wd2-impl-services1.workday.com/ccx/api/v1/" + tenant + "/workers/" + person.id());
            worker.put("primaryWorkEmail", person.get(PersonFields.WORK_EMAIL));
            worker.put("businessTitle", person.get(PersonFields.TITLE));
            worker.putObject("primarySupervisoryOrganization").put("id", "org-" + (i % 4))
                    .put("descriptor", person.get(PersonFields.DEPARTMENT)).put("href", "https://example/org");
        }
        return ok(answer);
    }

    private static ResponseDefinition unauthorized() {
        return error(401, "invalid_token", "Invalid or expired token");
    }

    private static ResponseDefinition error(int status, String error, String description) {
        try {
            return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsBytes(JSON.createObjectNode().put("error", error)
                            .put("error_description", description))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
