package io.mentorhub.connectors.xapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.LearningRecords;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.connectors.support.http.VendorRequest;
import io.mentorhub.connectors.support.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Learning records to an xAPI learning record store (LRS) — also the way into LMSs that accept xAPI, such as
 * Cornerstone or Docebo. Records go as statements ({@link Statements}) in batches, {@code POST {endpoint}/statements}
 * with a JSON array, {@code X-Experience-API-Version: 1.0.3} and HTTP Basic with the LRS key and secret.
 *
 * <p>Each statement's id is derived from its record's key, so a batch sent again after a lost answer is the same
 * statements: a conformant LRS stores nothing new and answers 200 or 204 (xAPI 1.0.3, 2.1.2). Some LRSs answer 409
 * Conflict for a batch holding a statement they already have, and reject the whole batch — so on 409 (and on 400
 * or 413, which name no statement) the batch is sent again one statement at a time: a single statement answered 409
 * is looked up ({@code GET …/statements?statementId=}) and counts as delivered when the LRS holds it; a single one
 * answered 400 is refused with the LRS's reason.
 */
@Component(service = {Connector.class, LearningRecords.class})
public final class XapiConnector implements Connector, LearningRecords, AutoCloseable {

    static final String ENDPOINT = "endpoint_url";
    static final String KEY = "lrs_key";
    static final String SECRET = "lrs_secret";
    static final String IRI_BASE = "iri_base";
    static final String PLATFORM = "platform";
    static final String LANGUAGE = "language";
    static final String BATCH = "batch_size";
    static final String TIMEOUT = "timeout_seconds";

    private static final List<Setting> SETTINGS = List.of(
            Setting.required(ENDPOINT, "LRS endpoint", Setting.Type.URL,
                    "The LRS's xAPI endpoint, e.g. https://lrs.example.com/data/xAPI/ (statements are sent to"
                            + " its statements resource)"),
            Setting.required(KEY, "LRS key", Setting.Type.SECRET,
                    "The key (Basic auth user) of an LRS client allowed to write statements"),
            Setting.required(SECRET, "LRS secret", Setting.Type.SECRET, "That client's secret (Basic auth password)"),
            Setting.required(IRI_BASE, "IRI base", Setting.Type.STRING,
                    "The http(s) IRI under which the hub names its activities and extensions, e.g."
                            + " https://mentoring.example.com/xapi/ — an identifier, never called"),
            Setting.optional(PLATFORM, "Platform", Setting.Type.STRING, "mentorhub",
                    "context.platform of every statement"),
            Setting.optional(LANGUAGE, "Language", Setting.Type.STRING, "en-US",
                    "Language tag of display names and context.language"),
            Setting.optional(BATCH, "Statements per request", Setting.Type.INTEGER, "50",
                    "At most this many statements in one POST (1-100); lower it for an LRS with a smaller limit"),
            Setting.optional(TIMEOUT, "Time-out (seconds)", Setting.Type.INTEGER, "30",
                    "How long to wait for the LRS to answer one request (1-300)"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VendorHttp http;

    public XapiConnector() {
        this(new VendorHttp("LRS", VendorHttp.Limits.DEFAULT, List.of()));
    }

    XapiConnector(VendorHttp http) {
        this.http = http;
    }

    @Override
    public String id() {
        return "xapi";
    }

    @Override
    public String displayName() {
        return "xAPI learning record store";
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.LMS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.LEARNING_RECORDS);
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
        return "XapiConnector";
    }

    @Override
    public List<Delivery> record(ConnectorConfig config, List<LearningRecord> records) throws ConnectorException {
        Delivery.requireValidBatch(records);
        Store store = store(config);
        Delivery[] deliveries = new Delivery[records.size()];
        List<Integer> sendable = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (Statements.mbox(records.get(i).workEmail()) == null) {
                deliveries[i] = Delivery.refused(records.get(i).key(),
                        "the work e-mail cannot be an xAPI mbox (blank, spaces or not one @)");
            } else {
                sendable.add(i);
            }
        }
        for (int from = 0; from < sendable.size(); from += store.batchSize()) {
            List<Integer> chunk = sendable.subList(from, Math.min(sendable.size(), from + store.batchSize()));
            List<LearningRecord> batch = chunk.stream().map(records::get).toList();
            List<Delivery> sent = store.send(batch);
            for (int j = 0; j < chunk.size(); j++) {
                deliveries[chunk.get(j)] = sent.get(j);
            }
        }
        return List.of(deliveries);
    }

    private Store store(ConnectorConfig config) throws ConnectorException {
        long seconds = config.number(TIMEOUT).orElse(30L);
        if (seconds < 1 || seconds > 300) {
            throw ConnectorException.config(TIMEOUT + " must be 1-300 seconds");
        }
        long batch = config.number(BATCH).orElse(50L);
        if (batch < 1 || batch > Delivery.MAX_BATCH) {
            throw ConnectorException.config(BATCH + " must be 1-" + Delivery.MAX_BATCH);
        }
        String language = config.text(LANGUAGE).orElse("en-US");
        if (!language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            throw ConnectorException.config(LANGUAGE + " must be a language tag such as en-US");
        }
        URI endpoint = config.url(ENDPOINT).orElseThrow(() -> ConnectorException.config(ENDPOINT + " is required"));
        String base = endpoint.toString();
        URI statements = URI.create((base.endsWith("/") ? base : base + "/") + "statements");
        return new Store(http, statements,
                config.secret(KEY).orElseThrow(() -> ConnectorException.config(KEY + " is required")),
                config.secret(SECRET).orElseThrow(() -> ConnectorException.config(SECRET + " is required")),
                new Statements(iriBase(config.text(IRI_BASE).orElse("")), config.text(PLATFORM).orElse("mentorhub"),
                        language),
                (int) batch, Duration.ofSeconds(seconds));
    }

    private static String iriBase(String text) throws ConnectorException {
        try {
            URI iri = new URI(text.strip());
            String scheme = iri.getScheme() == null ? "" : iri.getScheme().toLowerCase(Locale.ROOT);
            if (!iri.isAbsolute() || iri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))
                    || iri.getRawQuery() != null || iri.getRawFragment() != null) {
                throw new URISyntaxException(text, "not an http(s) IRI without query or fragment");
            }
            String base = iri.toString();
            return base.endsWith("/") ? base : base + "/";
        } catch (URISyntaxException e) {
            throw ConnectorException.config(IRI_BASE + " must be an absolute http(s) IRI such as"
                    + " https://mentoring.example.com/xapi/");
        }
    }

    /** One LRS as an instance configures it. */
    private record Store(VendorHttp http, URI statements, Secret key, Secret secret, Statements shapes,
            int batchSize, Duration timeout) {

        /** Sends a batch; falls back to one statement per request when the LRS refuses it without saying which. */
        List<Delivery> send(List<LearningRecord> batch) throws ConnectorException {
            ArrayNode body = JSON.createArrayNode();
            batch.forEach(record -> body.add(shapes.statement(record)));
            VendorRequest request = post(body);
            VendorResponse response = http.exchange(request);
            int status = response.status();
            if (response.successful()) {
                return batch.stream().map(r -> Delivery.delivered(r.key(), r.recordId().toString())).toList();
            }
            if (status == 400 || status == 409 || status == 413) {
                if (batch.size() > 1) {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (LearningRecord record : batch) {
                        deliveries.addAll(send(List.of(record)));
                    }
                    return deliveries;
                }
                LearningRecord record = batch.get(0);
                if (status == 409) {
                    return List.of(conflict(record, response));
                }
                return List.of(Delivery.refused(record.key(), "the LRS refused the statement (" + status + ")"
                        + reason(response)));
            }
            throw failure(request, response);
        }

        /** A statement the LRS says conflicts: delivered if the LRS holds a statement with its id. */
        private Delivery conflict(LearningRecord record, VendorResponse conflict) throws ConnectorException {
            String id = record.recordId().toString();
            VendorRequest lookup = authorised(VendorRequest.get(URI.create(statements + "?statementId=" + id)));
            VendorResponse found = http.exchange(lookup);
            if (found.successful()) {
                return Delivery.delivered(record.key(), id);
            }
            if (found.status() == 404) {
                return Delivery.refused(record.key(), "the LRS answered 409 Conflict" + reason(conflict)
                        + " and holds no statement " + id + " (it may have been voided)");
            }
            throw failure(lookup, found);
        }

        private ConnectorException failure(VendorRequest request, VendorResponse response) {
            if (response.status() == 404 || response.status() == 405) {
                return ConnectorException.config("the LRS answered " + response.status() + " to "
                        + request.describe() + " — check the endpoint URL (it should end where /statements"
                        + " begins)");
            }
            return http.failure(request, response);
        }

        private VendorRequest post(ArrayNode body) throws ConnectorException {
            try {
                return authorised(VendorRequest.post(statements, "application/json", JSON.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw ConnectorException.permanent("a statement could not be written as JSON");
            }
        }

        private VendorRequest authorised(VendorRequest request) {
            return request.basicAuth(key, secret.reveal()).bodyCarries(secret)
                    .header("X-Experience-API-Version", Statements.VERSION)
                    .header("Accept", "application/json")
                    .timeout(timeout);
        }

        /** The LRS's explanation, scrubbed: a JSON message/error field, or the start of a text body. */
        private String reason(VendorResponse response) {
            String text = response.text();
            try {
                JsonNode json = JSON.readTree(text);
                if (json != null && json.isObject()) {
                    for (String field : List.of("message", "error", "errorMessage")) {
                        if (json.path(field).isTextual()) {
                            text = json.get(field).asText();
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                // not JSON: the text itself
            }
            String clean = text.replaceAll("\\p{Cntrl}", " ").strip()
                    .replace(key.reveal(), Secret.MASK).replace(secret.reveal(), Secret.MASK);
            if (clean.isEmpty()) {
                return "";
            }
            return ": " + (clean.length() > 200 ? clean.substring(0, 200) + "…" : clean);
        }
    }
}
