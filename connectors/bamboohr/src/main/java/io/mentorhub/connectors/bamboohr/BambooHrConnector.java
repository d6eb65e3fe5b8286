package io.mentorhub.connectors.bamboohr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PeopleSource;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.connectors.support.http.VendorRequest;
import io.mentorhub.connectors.support.records.Cursors;
import io.mentorhub.connectors.support.records.DateValues;
import io.mentorhub.connectors.support.records.FieldMapping;
import io.mentorhub.connectors.support.records.Keyset;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * People from BambooHR. Both syncs run BambooHR's custom report ({@code POST …/v1/reports/custom?format=JSON
 * &onlyCurrent=false}), which — unlike the employee directory — lists Active and Inactive employees alike and carries
 * status, termination date, hire date and the supervisor's employee id ({@code supervisorEId}), so leavers and
 * manager links arrive with everyone else. An incremental sync filters the report by {@code lastChanged} and then
 * asks the last-changed API ({@code GET …/v1/employees/changed/?since=&type=deleted}) for employees deleted since,
 * which a report can no longer show. The report has no paging: each call runs it and returns the page of employees
 * after the cursor's employee id (ids sort stably, so no one is skipped when people are added between calls).
 *
 * <p>Authentication is the API key as the user of HTTP Basic with {@code x} as password. BambooHR answers a rate limit
 * with 503 and {@code Retry-After}, which reaches the hub as TRANSIENT with that delay.
 */
@Component(service = {Connector.class, PeopleSource.class})
public final class BambooHrConnector implements Connector, PeopleSource, AutoCloseable {

    static final String BASE_URL = "base_url";
    static final String COMPANY = "company_domain";
    static final String API_KEY = "api_key";
    static final String LEAVE_STATUSES = "leave_statuses";
    static final String EXTRA_FIELDS = "extra_fields";
    static final String TIMEOUT = "timeout_seconds";

    private static final List<Setting> SETTINGS = List.of(
            Setting.optional(BASE_URL, "API host", Setting.Type.URL, "https://api.bamboohr.com",
                    "BambooHR's API host; change it only to go through a proxy of your own"),
            Setting.required(COMPANY, "Company domain", Setting.Type.STRING,
                    "The part before .bamboohr.com in your BambooHR address, e.g. acme for acme.bamboohr.com"),
            Setting.required(API_KEY, "API key", Setting.Type.SECRET,
                    "An API key of a BambooHR user who may view the synced fields of all employees "
                            + "(profile picture > API Keys > Add New Key)"),
            Setting.optional(LEAVE_STATUSES, "Statuses meaning on leave", Setting.Type.STRING,
                    "Leave of Absence, On Leave",
                    "Comma-separated values of the Employment Status field (employmentHistoryStatus) that mean the "
                            + "person is on leave (status L) while BambooHR still shows them Active"),
            Setting.optional(EXTRA_FIELDS, "Extra fields", Setting.Type.STRING, null,
                    "More person fields from BambooHR fields, as person_field:bambooField pairs, e.g. "
                            + "team:division, custom.cost_center:customCostCenter"),
            Setting.optional(TIMEOUT, "Time-out (seconds)", Setting.Type.INTEGER, "120",
                    "How long to wait for BambooHR to answer one request (a large report takes a while)"));

    /** BambooHR field → person field, for the standard fields. */
    private static final Map<String, String> STANDARD = new LinkedHashMap<>();

    static {
        STANDARD.put(PersonFields.EMPLOYEE_NUMBER, "employeeNumber");
        STANDARD.put(PersonFields.GIVEN_NAME, "firstName");
        STANDARD.put(PersonFields.FAMILY_NAME, "lastName");
        STANDARD.put(PersonFields.WORK_EMAIL, "workEmail");
        STANDARD.put(PersonFields.TITLE, "jobTitle");
        STANDARD.put(PersonFields.DEPARTMENT, "department");
        STANDARD.put(PersonFields.LOCATION, "location");
        STANDARD.put(PersonFields.MANAGER_ID, "supervisorEId");
        STANDARD.put(PersonFields.HIRE_DATE, "hireDate");
        STANDARD.put(PersonFields.TERMINATION_DATE, "terminationDate");
    }

    private static final Set<String> DATES = Set.of(PersonFields.HIRE_DATE, PersonFields.TERMINATION_DATE,
            PersonFields.EFFECTIVE_DATE);
    private static final Pattern COMPANY_DOMAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final String CURSOR = "bamboohr.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VendorHttp http;

    public BambooHrConnector() {
        this(new VendorHttp("BambooHR", new VendorHttp.Limits(Duration.ofSeconds(15), 256L * 1024 * 1024),
                List.of("X-BambooHR-Error-Message")));
    }

    BambooHrConnector(VendorHttp http) {
        this.http = http;
    }

    @Override
    public String id() {
        return "bamboohr";
    }

    @Override
    public String displayName() {
        return "BambooHR";
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.HRIS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PEOPLE_FULL_SYNC, Capability.PEOPLE_INCREMENTAL_SYNC);
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public PeoplePage fetchPeople(ConnectorConfig config, PeopleQuery query) throws ConnectorException {
        Instance instance = Instance.of(config);
        String phase = "report";
        String after = null;
        if (query.cursor() != null) {
            List<String> parts;
            try {
                parts = Cursors.decode(CURSOR, query.cursor(), 2);
            } catch (IllegalArgumentException e) {
                throw ConnectorException.permanent("BambooHR: " + e.getMessage());
            }
            phase = parts.get(0);
            after = parts.get(1).isEmpty() ? null : parts.get(1);
            if (!phase.equals("report") && !(phase.equals("deleted") && query.incremental())) {
                throw ConnectorException.permanent("BambooHR: the cursor was not written by this connector");
            }
        }
        return phase.equals("report") ? reportPage(instance, query, after) : deletedPage(instance, query, after);
    }

    /** One page of the custom report: everyone, or those changed since the query's instant. */
    private PeoplePage reportPage(Instance instance, PeopleQuery query, String after) throws ConnectorException {
        Map<String, String> wanted = instance.fieldsFor(query.fields());
        Set<String> requested = new LinkedHashSet<>(wanted.values());
        boolean withStatus = query.fields().contains(PersonFields.STATUS);
        if (withStatus) {
            requested.add("status");
            requested.add("employmentHistoryStatus");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("title", "mentorhub people sync");
        ArrayNode fields = body.putArray("fields");
        requested.forEach(fields::add);
        if (query.incremental()) {
            ObjectNode lastChanged = body.putObject("filters").putObject("lastChanged");
            lastChanged.put("includeNull", "no");
            lastChanged.put("value", since(query.modifiedSince()));
        }
        VendorRequest request = VendorRequest.post(instance.api("/v1/reports/custom?format=JSON&onlyCurrent=false"),
                "application/json", write(body)).header("Accept", "application/json");
        JsonNode report = http.json(instance.authorize(request));
        JsonNode employees = report.get("employees");
        if (employees == null || !employees.isArray()) {
            throw ConnectorException.transientFailure("BambooHR sent a report without an employees list", null);
        }
        List<JsonNode> rows = new ArrayList<>();
        employees.forEach(rows::add);
        checkFieldsCameBack(report, rows, requested);

        Keyset.Page<JsonNode> page = Keyset.after(rows, BambooHrConnector::idOf, after, query.pageSize());
        List<PersonRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (JsonNode row : page.items()) {
            String id = idOf(row);
            if (id == null) {
                rejected.add(new RejectedRecord("report row " + (rows.indexOf(row) + 1), null,
                        "the employee has no id"));
                continue;
            }
            try {
                records.add(toRecord(id, row, wanted, withStatus, instance));
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedRecord("employee " + id, id, e.getMessage()));
            }
        }
        String next;
        if (page.lastId() != null) {
            next = Cursors.encode(CURSOR, "report", page.lastId());
        } else {
            next = query.incremental() ? Cursors.encode(CURSOR, "deleted", "") : null;
        }
        return new PeoplePage(records, rejected, next);
    }

    /** One page of the employees deleted since the query's instant. */
    private PeoplePage deletedPage(Instance instance, PeopleQuery query, String after) throws ConnectorException {
        String since = URLEncoder.encode(since(query.modifiedSince()), StandardCharsets.UTF_8);
        VendorRequest request = VendorRequest.get(instance.api("/v1/employees/changed/?since=" + since
                + "&type=deleted")).header("Accept", "application/json");
        JsonNode changed = http.json(instance.authorize(request));
        JsonNode employees = changed.get("employees");
        List<String> deleted = new ArrayList<>();
        if (employees != null && employees.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = employees.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode action = entry.getValue().get("action");
                if (action != null && action.asText().equalsIgnoreCase("Deleted")) {
                    deleted.add(entry.getValue().hasNonNull("id") ? entry.getValue().get("id").asText() : entry.getKey());
                }
            }
        } else if (employees != null && !employees.isArray()) { // BambooHR sends [] when nothing changed
            throw ConnectorException.transientFailure("BambooHR sent a last-changed answer without employees", null);
        }
        Keyset.Page<String> page = Keyset.after(deleted, id -> id, after, query.pageSize());
        List<PersonRecord> records = new ArrayList<>();
        for (String id : page.items()) {
            records.add(PersonRecord.deletedRecord(id));
        }
        return new PeoplePage(records, List.of(), page.lastId() == null ? null
                : Cursors.encode(CURSOR, "deleted", page.lastId()));
    }

    private static PersonRecord toRecord(String id, JsonNode row, Map<String, String> wanted, boolean withStatus,
            Instance instance) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            String value = text(row, entry.getValue());
            if (value == null) {
                continue;
            }
            if (DATES.contains(entry.getKey())) {
                if (value.startsWith("0000-00-00")) {
                    continue; // BambooHR's way of writing "no date"
                }
                try {
                    value = DateValues.isoFromApi(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(entry.getValue() + " is not a date");
                }
            }
            fields.put(entry.getKey(), value);
        }
        if (withStatus) {
            String status = text(row, "status");
            if (status == null) {
                throw new IllegalArgumentException("status is empty");
            }
            switch (status.toLowerCase(Locale.ROOT)) {
                case "active" -> fields.put(PersonFields.STATUS,
                        instance.onLeave(text(row, "employmentHistoryStatus")) ? "L" : "A");
                case "inactive" -> fields.put(PersonFields.STATUS, "T");
                default -> throw new IllegalArgumentException("status is neither Active nor Inactive");
            }
        }
        return PersonRecord.of(id, fields);
    }

    /**
     * BambooHR silently leaves out fields the key's user may not see. A field that no employee carries and the report
     * does not list was left out: better to stop and say so than to sync people with that field empty.
     */
    private static void checkFieldsCameBack(JsonNode report, List<JsonNode> rows, Set<String> requested)
            throws ConnectorException {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        JsonNode listed = report.get("fields");
        if (listed != null && listed.isArray()) {
            listed.forEach(f -> present.add(f.path("id").asText()));
        }
        rows.forEach(row -> row.fieldNames().forEachRemaining(present::add));
        List<String> missing = requested.stream().filter(f -> !present.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw ConnectorException.config("BambooHR left out fields " + missing + " — the API key's user may not "
                    + "view them, or they do not exist; grant access or remove them from extra_fields");
        }
    }

    private static String idOf(JsonNode row) {
        String id = text(row, "id");
        return id == null || id.length() > 64 ? null : id;
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** BambooHR takes seconds at most; truncating only widens the window, so nothing is missed. */
    private static String since(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    @Override
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "BambooHrConnector";
    }

    /** An instance's settings, checked. */
    private record Instance(URI api, Secret key, Set<String> leaveStatuses, Map<String, String> fieldMap,
            Duration timeout) {

        static Instance of(ConnectorConfig config) throws ConnectorException {
            String company = config.text(COMPANY).orElseThrow();
            if (!COMPANY_DOMAIN.matcher(company).matches()) {
                throw ConnectorException.config("BambooHR company_domain must be the subdomain of your BambooHR "
                        + "address (letters, digits, hyphens), e.g. acme");
            }
            String base = config.url(BASE_URL).orElseThrow().toString().replaceAll("/+$", "");
            URI api = URI.create(base + "/api/gateway.php/" + company);
            Set<String> leave = new HashSet<>();
            for (String value : config.text(LEAVE_STATUSES).orElse("").split(",")) {
                if (!value.isBlank()) {
                    leave.add(value.strip().toLowerCase(Locale.ROOT));
                }
            }
            Map<String, String> map = new LinkedHashMap<>(STANDARD);
            String extra = config.text(EXTRA_FIELDS).orElse("");
            if (!extra.isBlank()) {
                try {
                    FieldMapping.parse(extra, Set.of()).entries().forEach((field, bamboo) -> {
                        if (field.equals(PersonFields.ID) || field.equals(PersonFields.STATUS)) {
                            throw new IllegalArgumentException(field + " comes from BambooHR's id and status");
                        }
                        map.put(field, bamboo);
                    });
                } catch (IllegalArgumentException e) {
                    throw ConnectorException.config("BambooHR extra_fields: " + e.getMessage());
                }
            }
            long seconds = config.number(TIMEOUT).orElse(120L);
            if (seconds < 1 || seconds > 900) {
                throw ConnectorException.config("BambooHR timeout_seconds must be 1..900");
            }
            return new Instance(api, config.secret(API_KEY).orElseThrow(), leave, map, Duration.ofSeconds(seconds));
        }

        URI api(String path) {
            return URI.create(api + path);
        }

        VendorRequest authorize(VendorRequest request) {
            return request.basicAuth(key, "x").timeout(timeout);
        }

        /** Person field → BambooHR field for the fields the hub keeps. */
        Map<String, String> fieldsFor(Set<String> allowed) {
            Map<String, String> wanted = new LinkedHashMap<>();
            fieldMap.forEach((field, bamboo) -> {
                if (allowed.contains(field)) {
                    wanted.put(field, bamboo);
                }
            });
            return wanted;
        }

        boolean onLeave(String employmentStatus) {
            return employmentStatus != null && leaveStatuses.contains(employmentStatus.strip().toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "BambooHR instance " + api;
        }
    }
}
