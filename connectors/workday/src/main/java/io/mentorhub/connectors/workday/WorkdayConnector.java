package io.mentorhub.connectors.workday;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.mentorhub.connectors.support.http.VendorResponse;
import io.mentorhub.connectors.support.records.Cursors;
import io.mentorhub.connectors.support.records.DateValues;
import io.mentorhub.connectors.support.records.FieldMapping;
import io.mentorhub.connectors.support.records.Keyset;
import io.mentorhub.connectors.support.records.StatusMapping;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * People from Workday, from one of two sources an instance chooses:
 * <ul>
 * <li>{@code raas} — a custom report published as a web service (Report-as-a-Service):
 * {@code GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json} answers {@code {"Report_Entry": […]}}
 * with one object per worker, keyed by the report's column aliases; {@code columns} maps them to person fields and
 * {@code status_map} the status column to A/L/T. RaaS has no paging: each call runs the report and returns the page
 * of workers after the cursor's id. An incremental sync passes the instant to the report's date-time prompt
 * ({@code changed_since_prompt}); a report without one is read whole, which still misses no change.</li>
 * <li>{@code workers} — the REST API {@code GET /ccx/api/v1/{tenant}/workers?limit=&offset=} answering
 * {@code {"total", "data": […]}}: id (the worker's WID), name, work e-mail, business title and supervisory
 * organisation. Each page re-reads a few records before its offset and continues after the last id it returned, so a
 * worker removed between two pages does not shift anyone past the cursor. It has no change filter: an incremental sync
 * reads everyone.</li>
 * </ul>
 * Both authenticate with a bearer token from {@code /ccx/oauth2/{tenant}/token} (see {@link AccessTokens}); a 401 from
 * the API drops the token and asks for a new one once before it is reported as CONFIG. Workday's 429 and 503 with
 * {@code Retry-After} reach the hub as TRANSIENT with that delay.
 */
@Component(service = {Connector.class, PeopleSource.class})
public final class WorkdayConnector implements Connector, PeopleSource, AutoCloseable {

    static final String BASE_URL = "base_url";
    static final String TENANT = "tenant";
    static final String SOURCE = "source";
    static final String REPORT = "report";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String COLUMNS = "columns";
    static final String STATUS_MAP = "status_map";
    static final String PROMPT = "changed_since_prompt";
    static final String TIMEOUT = "timeout_seconds";

    static final String DEFAULT_COLUMNS = "id:Employee_ID, given_name:First_Name, family_name:Last_Name, "
            + "work_email:Work_Email, title:Business_Title, department:Department, location:Location, "
            + "manager_id:Manager_Employee_ID, hire_date:Hire_Date, status:Worker_Status, "
            + "termination_date:Termination_Date";

    private static final List<Setting> SETTINGS = List.of(
            Setting.required(BASE_URL, "Services URL", Setting.Type.URL,
                    "Your Workday web services host, e.g. https://wd2-impl-services1.workday.com (View API Clients "
                            + "shows it in the REST API endpoint)"),
            Setting.required(TENANT, "Tenant", Setting.Type.STRING, "Your tenant name, e.g. acme_preview"),
            Setting.choice(SOURCE, "Source", "raas", List.of("raas", "workers"),
                    "raas: a custom report shared as a web service (all fields, leavers, incremental); workers: the "
                            + "REST workers API (active workers, fewer fields)"),
            Setting.optional(REPORT, "Report", Setting.Type.STRING, null,
                    "For raas: the report's owner and name as in its URL, e.g. ISU_Mentorhub/Mentorhub_People"),
            Setting.required(CLIENT_ID, "Client ID", Setting.Type.STRING,
                    "Client ID of the API client for integrations (Register API Client for Integrations)"),
            Setting.required(CLIENT_SECRET, "Client secret", Setting.Type.SECRET,
                    "Client secret of the API client for integrations"),
            Setting.optional(REFRESH_TOKEN, "Refresh token", Setting.Type.SECRET, null,
                    "A non-expiring refresh token of the integration user (Manage Refresh Tokens for Integrations); "
                            + "without it the client credentials grant is used"),
            Setting.optional(COLUMNS, "Report columns", Setting.Type.STRING, DEFAULT_COLUMNS,
                    "For raas: person_field:Column_Alias pairs; id is required"),
            Setting.optional(STATUS_MAP, "Status values", Setting.Type.STRING,
                    "Active:A, 1:A, true:A, On Leave:L, Leave of Absence:L, Terminated:T, Inactive:T, 0:T, false:T",
                    "For raas: Status column value:A|L|T pairs"),
            Setting.optional(PROMPT, "Changed-since prompt", Setting.Type.STRING, null,
                    "For raas: the report's date-time prompt that limits it to workers changed since, e.g. "
                            + "Changed_Since; empty reads the whole report on every sync"),
            Setting.optional(TIMEOUT, "Time-out (seconds)", Setting.Type.INTEGER, "120",
                    "How long to wait for Workday to answer one request"));

    private static final Set<String> DATES = Set.of(PersonFields.HIRE_DATE, PersonFields.TERMINATION_DATE,
            PersonFields.EFFECTIVE_DATE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern REPORT_PATH = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,200}");
    private static final DateTimeFormatter PROMPT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'")
            .withZone(ZoneOffset.UTC);
    /** Workday's most workers per request. */
    static final int WORKERS_LIMIT = 100;
    /** Records each workers page re-reads before its offset. */
    static final int OVERLAP = 5;

    private final VendorHttp http;
    private final AccessTokens tokens;

    public WorkdayConnector() {
        this(new VendorHttp("Workday", new VendorHttp.Limits(Duration.ofSeconds(15), 256L * 1024 * 1024), List.of()),
                Clock.systemUTC());
    }

    WorkdayConnector(VendorHttp http, Clock clock) {
        this.http = http;
        this.tokens = new AccessTokens(http, clock);
    }

    @Override
    public String id() {
        return "workday";
    }

    @Override
    public String displayName() {
        return "Workday";
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
        return instance.source.equals("raas") ? raasPage(instance, query) : workersPage(instance, query);
    }

    private PeoplePage raasPage(Instance instance, PeopleQuery query) throws ConnectorException {
        String after = query.cursor() == null ? null : cursor("workday.raas.1", query.cursor(), 1).get(0);
        StringBuilder url = new StringBuilder(instance.base + "/ccx/service/customreport2/" + instance.tenant + "/"
                + instance.report + "?format=json");
        if (query.incremental() && instance.prompt != null) {
            url.append('&').append(instance.prompt).append('=')
                    .append(URLEncoder.encode(PROMPT_TIME.format(query.modifiedSince()), StandardCharsets.UTF_8));
        }
        JsonNode report = call(instance, VendorRequest.get(URI.create(url.toString())));
        JsonNode entries = report.get("Report_Entry");
        if (entries == null || !entries.isArray()) {
            throw ConnectorException.transientFailure("Workday sent a report without Report_Entry", null);
        }
        String idColumn = instance.columns.vendorName(PersonFields.ID);
        List<JsonNode> rows = new ArrayList<>();
        entries.forEach(rows::add);
        Keyset.Page<JsonNode> page = Keyset.after(rows, row -> scalar(row, idColumn), after, query.pageSize());
        FieldMapping wanted = instance.columns.restrictTo(query.fields());
        List<PersonRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (JsonNode row : page.items()) {
            String id = scalar(row, idColumn);
            if (id == null || id.length() > 64) {
                rejected.add(new RejectedRecord("Report_Entry " + (rows.indexOf(row) + 1), null,
                        "the worker has no " + idColumn));
                continue;
            }
            try {
                records.add(raasRecord(id, row, wanted, instance));
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedRecord("worker " + id, id, e.getMessage()));
            }
        }
        return new PeoplePage(records, rejected,
                page.lastId() == null ? null : Cursors.encode("workday.raas.1", page.lastId()));
    }

    private static PersonRecord raasRecord(String id, JsonNode row, FieldMapping wanted, Instance instance)
            throws ConnectorException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> column : wanted.entries().entrySet()) {
            String field = column.getKey();
            if (field.equals(PersonFields.ID)) {
                continue;
            }
            JsonNode node = row.get(column.getValue());
            if (node != null && node.isContainerNode()) {
                // A multi-instance column (a group): which instance is meant is the report author's choice, not ours.
                throw ConnectorException.config("Workday report column " + column.getValue() + " holds several "
                        + "values; make it a single-instance field in the report");
            }
            String value = scalar(row, column.getValue());
            if (value == null) {
                continue;
            }
            if (field.equals(PersonFields.STATUS)) {
                String raw = value;
                value = instance.statuses.code(raw).orElseThrow(() -> new IllegalArgumentException(
                        column.getValue() + " has a value status_map does not know"));
            } else if (DATES.contains(field)) {
                try {
                    value = DateValues.isoFromApi(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(column.getValue() + " is not a date");
                }
            }
            fields.put(field, value);
        }
        return PersonRecord.of(id, fields);
    }

    private PeoplePage workersPage(Instance instance, PeopleQuery query) throws ConnectorException {
        long offset = 0;
        String lastId = null;
        if (query.cursor() != null) {
            List<String> parts = cursor("workday.workers.1", query.cursor(), 2);
            try {
                offset = Long.parseLong(parts.get(0));
            } catch (NumberFormatException e) {
                throw ConnectorException.permanent("Workday: the cursor was not written by this connector");
            }
            lastId = parts.get(1);
        }
        int overlap = (int) Math.min(OVERLAP, offset);
        int size = Math.min(query.pageSize(), WORKERS_LIMIT - overlap);
        long from = offset - overlap;
        JsonNode answer = call(instance, VendorRequest.get(URI.create(instance.base + "/ccx/api/v1/" + instance.tenant
                + "/workers?limit=" + (size + overlap) + "&offset=" + from)));
        JsonNode data = answer.get("data");
        if (data == null || !data.isArray() || !answer.path("total").canConvertToLong()) {
            throw ConnectorException.transientFailure("Workday sent a workers page without data and total", null);
        }
        List<JsonNode> rows = new ArrayList<>();
        data.forEach(rows::add);
        // Continue after the last worker the previous page returned; if it is gone from the overlap, re-send the
        // overlap (duplicates are harmless to the hub, a skipped worker is not).
        int start = 0;
        if (lastId != null) {
            for (int i = 0; i < Math.min(overlap, rows.size()); i++) {
                if (lastId.equals(rows.get(i).path("id").asText())) {
                    start = i + 1;
                }
            }
        }
        List<JsonNode> taken = rows.subList(Math.min(start, rows.size()), Math.min(rows.size(), start + size));
        List<PersonRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (JsonNode worker : taken) {
            String id = scalar(worker, "id");
            if (id == null || id.length() > 64) {
                rejected.add(new RejectedRecord("workers offset " + (from + rows.indexOf(worker)), null,
                        "the worker has no id"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            putIfAllowed(fields, query, PersonFields.WORK_EMAIL, scalar(worker, "primaryWorkEmail"));
            putIfAllowed(fields, query, PersonFields.TITLE, scalar(worker, "businessTitle"));
            putIfAllowed(fields, query, PersonFields.DEPARTMENT,
                    scalar(worker.path("primarySupervisoryOrganization"), "descriptor"));
            putIfAllowed(fields, query, "custom.display_name", scalar(worker, "descriptor"));
            records.add(PersonRecord.of(id, fields));
        }
        long next = from + start + taken.size();
        long total = answer.get("total").asLong();
        boolean last = taken.isEmpty() || next >= total || rows.size() < size + overlap;
        String nextLast = taken.isEmpty() ? lastId : taken.get(taken.size() - 1).path("id").asText();
        return new PeoplePage(records, rejected, last ? null
                : Cursors.encode("workday.workers.1", Long.toString(next), nextLast == null ? "" : nextLast));
    }

    private static void putIfAllowed(Map<String, String> fields, PeopleQuery query, String field, String value) {
        if (value != null && query.fields().contains(field)) {
            fields.put(field, value);
        }
    }

    /** A Workday API call with the instance's bearer token, renewed once if Workday refuses it. */
    private JsonNode call(Instance instance, VendorRequest unsigned) throws ConnectorException {
        for (int attempt = 0; ; attempt++) {
            Secret token = tokens.token(instance.id, instance.tokenUrl, instance.clientId, instance.clientSecret,
                    instance.refreshToken, instance.timeout);
            VendorRequest request = copy(unsigned).bearer(token).header("Accept", "application/json")
                    .timeout(instance.timeout);
            VendorResponse response = http.exchange(request);
            if (response.status() == 401 && attempt == 0) {
                tokens.refused(instance.id, instance.tokenUrl, instance.clientId, instance.clientSecret,
                        instance.refreshToken);
                continue;
            }
            if (!response.successful()) {
                throw http.failure(request, response);
            }
            return http.parse(request, response);
        }
    }

    private static VendorRequest copy(VendorRequest request) {
        return VendorRequest.get(request.url());
    }

    private static List<String> cursor(String prefix, String cursor, int parts) throws ConnectorException {
        try {
            return Cursors.decode(prefix, cursor, parts);
        } catch (IllegalArgumentException e) {
            throw ConnectorException.permanent("Workday: " + e.getMessage());
        }
    }

    private static String scalar(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    @Deactivate
    @Override
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "WorkdayConnector[" + tokens + "]";
    }

    /** An instance's settings, checked. */
    private static final class Instance {
        final String id;
        final String base;
        final String tenant;
        final String source;
        final String report;
        final URI tokenUrl;
        final String clientId;
        final Secret clientSecret;
        final Secret refreshToken;
        final FieldMapping columns;
        final StatusMapping statuses;
        final String prompt;
        final Duration timeout;

        private Instance(ConnectorConfig config) throws ConnectorException {
            List<String> problems = new ArrayList<>();
            id = config.instanceId();
            base = config.url(BASE_URL).orElseThrow().toString().replaceAll("/+$", "");
            tenant = config.text(TENANT).orElseThrow();
            if (!NAME.matcher(tenant).matches()) {
                problems.add("tenant must be the tenant name (letters, digits, _ and -)");
            }
            source = config.text(SOURCE).orElse("raas");
            report = config.text(REPORT).orElse(null);
            if (source.equals("raas") && (report == null || !REPORT_PATH.matcher(report).matches())) {
                problems.add("report must be Owner/Report_Name as in the report's web service URL");
            }
            tokenUrl = NAME.matcher(tenant).matches() ? URI.create(base + "/ccx/oauth2/" + tenant + "/token") : null;
            clientId = config.text(CLIENT_ID).orElseThrow();
            clientSecret = config.secret(CLIENT_SECRET).orElseThrow();
            refreshToken = config.secret(REFRESH_TOKEN).orElse(null);
            FieldMapping mapped = null;
            try {
                mapped = FieldMapping.parse(config.text(COLUMNS).orElse(DEFAULT_COLUMNS), Set.of(PersonFields.ID));
            } catch (IllegalArgumentException e) {
                problems.add("columns: " + e.getMessage());
            }
            columns = mapped;
            StatusMapping status = null;
            try {
                status = StatusMapping.parse(config.text(STATUS_MAP).orElse(""));
            } catch (IllegalArgumentException e) {
                problems.add("status_map: " + e.getMessage());
            }
            statuses = status;
            prompt = config.text(PROMPT).orElse(null);
            if (prompt != null && !NAME.matcher(prompt).matches()) {
                problems.add("changed_since_prompt must be the prompt's name (letters, digits, _ and -)");
            }
            long seconds = config.number(TIMEOUT).orElse(120L);
            if (seconds < 1 || seconds > 900) {
                problems.add("timeout_seconds must be 1..900");
            }
            timeout = Duration.ofSeconds(Math.max(1, Math.min(seconds, 900)));
            if (!problems.isEmpty()) {
                throw ConnectorException.config("Workday instance " + id + ": " + String.join("; ", problems));
            }
        }

        static Instance of(ConnectorConfig config) throws ConnectorException {
            return new Instance(config);
        }

        @Override
        public String toString() {
            return "Workday instance " + id;
        }
    }
}
