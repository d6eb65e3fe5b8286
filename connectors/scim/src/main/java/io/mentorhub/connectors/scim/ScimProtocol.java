package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.directory.DirectoryException;
import io.mentorhub.api.directory.DirectoryGroup;
import io.mentorhub.api.directory.DirectoryPerson;
import io.mentorhub.api.directory.GroupQuery;
import io.mentorhub.api.directory.PeopleDirectory;
import io.mentorhub.api.directory.PersonQuery;
import io.mentorhub.api.directory.ResultPage;
import io.mentorhub.api.domain.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM 2.0 protocol (RFC 7644) over the hub's {@link PeopleDirectory}: /Users and /Groups (list, search, create,
 * read, replace, patch, delete), the discovery endpoints /ServiceProviderConfig, /ResourceTypes and /Schemas, bearer
 * token authentication, ETags and SCIM errors. Stateless; one instance serves all requests.
 */
final class ScimProtocol {

    static final String ACTOR = "scim";
    static final String CONTENT_TYPE = "application/scim+json";
    /** Directory reads when a filter must be evaluated here: people or groups per round trip. */
    static final int SCAN_PAGE = 500;
    /** Attempts of a PUT or PATCH without If-Match that loses a race with another write. */
    static final int WRITE_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ScimProtocol.class);
    private static final long AUTH_WARNING_INTERVAL_MILLIS = 60_000;

    /** How this service provider is set up. {@code baseUrl} null: taken from each request. */
    record Settings(String baseUrl, int maxBodyBytes, int maxResults) {
        Settings {
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
            }
            if (maxResults < 1 || maxResults > PersonQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("maxResults must be between 1 and " + PersonQuery.MAX_LIMIT);
            }
            if (baseUrl != null) {
                baseUrl = baseUrl.strip();
                while (baseUrl.endsWith("/")) {
                    baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
                }
                if (baseUrl.isEmpty()) {
                    baseUrl = null;
                } else if (!baseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                    throw new IllegalArgumentException("baseUrl must be an http(s) URL without query or fragment");
                }
            }
        }
    }

    private final Supplier<PeopleDirectory> directory;
    private final Settings settings;
    private final BearerToken token;
    private final AtomicLong lastAuthWarning = new AtomicLong();
    private final AtomicLong refusedSinceWarning = new AtomicLong();

    ScimProtocol(Supplier<PeopleDirectory> directory, Settings settings, BearerToken token) {
        this.directory = directory;
        this.settings = settings;
        this.token = token;
    }

    /** A response: status, body (null for none) and headers. */
    record Reply(int status, JsonNode body, Map<String, String> headers) {
        static Reply of(int status, JsonNode body) {
            return new Reply(status, body, new LinkedHashMap<>());
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** What one request asks for, read once from the servlet request. */
    private record Call(String method, List<String> segments, HttpServletRequest request, String baseUrl) {
        String query(String name) {
            String value = request.getParameter(name);
            return value == null || value.isBlank() ? null : value;
        }

        String header(String name) {
            String value = request.getHeader(name);
            return value == null || value.isBlank() ? null : value;
        }
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Reply reply;
        try {
            reply = route(request);
        } catch (ScimException e) {
            reply = error(e.status(), e.scimType(), e.getMessage());
            if (e.status() == 401) {
                reply.header("WWW-Authenticate", "Bearer realm=\"mentorhub SCIM\""
                        + (request.getHeader("Authorization") != null ? ", error=\"invalid_token\"" : ""));
            } else if (e.status() == 503) {
                reply.header("Retry-After", "5");
            } else if (e.status() == 405) {
                reply.header("Allow", e.allow());
            }
        } catch (InvalidValueException e) {
            reply = error(400, ScimException.INVALID_VALUE, UserMapping.invalid(e).getMessage());
        } catch (DirectoryException e) {
            reply = directoryError(e);
        } catch (RuntimeException e) {
            LOG.error("SCIM {} {} failed", request.getMethod(), request.getRequestURI(), e);
            reply = error(500, null, "the request failed inside the hub; see the hub's log");
        }
        write(response, reply);
    }

    private Reply route(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        Call call = new Call(request.getMethod().toUpperCase(Locale.ROOT), segments, request, baseUrl(request));
        if (segments.isEmpty()) {
            throw ScimException.notFound("no resource at the base URL; try /Users, /Groups or /ServiceProviderConfig");
        }
        String endpoint = segments.get(0);
        // Discovery describes the protocol only, and clients read it before they authenticate.
        switch (endpoint) {
            case "ServiceProviderConfig" -> {
                return discovery(call, 1, () -> Discovery.serviceProviderConfig(call.baseUrl(), settings));
            }
            case "ResourceTypes" -> {
                return discovery(call, 2, () -> segments.size() == 1 ? Discovery.resourceTypes(call.baseUrl())
                        : Discovery.resourceType(call.baseUrl(), segments.get(1)));
            }
            case "Schemas" -> {
                return discovery(call, 2, () -> segments.size() == 1 ? Discovery.schemas(call.baseUrl())
                        : Discovery.schema(call.baseUrl(), segments.get(1)));
            }
            default -> {
            }
        }
        authenticate(request);
        PeopleDirectory people = directory.get();
        switch (endpoint) {
            case "Users", "Groups" -> {
                if (people == null) {
                    throw new ScimException(503, null, "the hub's database is not ready yet; retry shortly");
                }
                return resources(call, people, endpoint.equals("Users"));
            }
            case "Bulk", "Me", ".search" -> throw new ScimException(501, null,
                    "/" + endpoint + " is not supported by this service provider (see /ServiceProviderConfig)");
            default -> throw ScimException.notFound("no endpoint /" + endpoint);
        }
    }

    private Reply discovery(Call call, int maxSegments, Supplier<ObjectNode> body) {
        if (call.segments().size() > maxSegments) {
            throw ScimException.notFound("no resource at " + String.join("/", call.segments()));
        }
        if (!call.method().equals("GET")) {
            throw methodNotAllowed("GET");
        }
        if (call.query("filter") != null) {
            // RFC 7644 §4: a filter here must not look as if it had been applied.
            throw new ScimException(403, null, "filters are not supported on discovery endpoints");
        }
        return Reply.of(200, body.get());
    }

    private void authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String presented = null;
        if (header != null) {
            String[] parts = header.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
                presented = parts[1].strip();
            }
        }
        if (token.accepts(presented)) {
            return;
        }
        warnRefused(request);
        if (!token.configured()) {
            throw new ScimException(401, null, "SCIM provisioning is not configured on this hub");
        }
        throw new ScimException(401, null, "a valid bearer token is required");
    }

    /** Refusals are logged at most once a minute, with their count and never the token sent. */
    private void warnRefused(HttpServletRequest request) {
        long refused = refusedSinceWarning.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastAuthWarning.get();
        if (now - last >= AUTH_WARNING_INTERVAL_MILLIS && lastAuthWarning.compareAndSet(last, now)) {
            refusedSinceWarning.addAndGet(-refused);
            LOG.warn("SCIM refused {} request(s) without a valid bearer token (latest from {}){}", refused,
                    request.getRemoteAddr(), token.configured() ? "" : ": " + token.problem());
        }
    }

    // ---- Users and Groups ---------------------------------------------------------------------------------------

    private Reply resources(Call call, PeopleDirectory people, boolean users) {
        List<String> segments = call.segments();
        Schemas.ResourceType type = users ? Schemas.USERS : Schemas.GROUPS;
        if (segments.size() == 1) {
            return switch (call.method()) {
                case "GET" -> list(call, people, type, Search.fromQuery(call));
                case "POST" -> users ? createUser(call, people) : createGroup(call, people);
                default -> throw methodNotAllowed("GET, POST");
            };
        }
        if (segments.size() == 2 && segments.get(1).equals(".search")) {
            if (!call.method().equals("POST")) {
                throw methodNotAllowed("POST");
            }
            return list(call, people, type, Search.fromBody(body(call)));
        }
        if (segments.size() > 2) {
            throw ScimException.notFound("no resource at " + String.join("/", segments));
        }
        String id = segments.get(1);
        return switch (call.method()) {
            case "GET" -> users ? getUser(call, people, id) : getGroup(call, people, id);
            case "PUT" -> users ? replaceUser(call, people, id) : replaceGroup(call, people, id);
            case "PATCH" -> users ? patchUser(call, people, id) : patchGroup(call, people, id);
            case "DELETE" -> delete(call, people, id, users);
            default -> throw methodNotAllowed("GET, PUT, PATCH, DELETE");
        };
    }

    /** The parameters of a query (RFC 7644 §3.4.2), from the URL or from a POST /.search body. */
    private record Search(String filter, int startIndex, Integer count, String attributes, String excluded) {

        static Search fromQuery(Call call) {
            return new Search(call.query("filter"), startIndex(call.query("startIndex")), count(call.query("count")),
                    call.query("attributes"), call.query("excludedAttributes"));
        }

        static Search fromBody(ObjectNode body) {
            if (!Json.schemas(body).contains(Schemas.SEARCH_REQUEST.toLowerCase(Locale.ROOT))) {
                throw ScimException.badRequest(ScimException.INVALID_SYNTAX,
                        "a search body needs schemas [" + Schemas.SEARCH_REQUEST + "]");
            }
            return new Search(text(body, "filter"), startIndex(text(body, "startIndex")),
                    count(text(body, "count")), list(body, "attributes"), list(body, "excludedAttributes"));
        }

        private static String text(ObjectNode body, String name) {
            JsonNode value = Json.field(body, name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be a single value");
            }
            return value.asText();
        }

        private static String list(ObjectNode body, String name) {
            JsonNode value = Json.field(body, name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be an array of names");
            }
            List<String> names = new ArrayList<>();
            value.forEach(n -> names.add(n.asText()));
            return String.join(",", names);
        }

        /** 1-based; below 1 is taken as 1 (RFC 7644 §3.4.2.4). */
        private static int startIndex(String text) {
            if (text == null) {
                return 1;
            }
            try {
                return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Long.parseLong(text.strip())));
            } catch (NumberFormatException e) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, "startIndex must be an integer");
            }
        }

        /** Negative is taken as 0; null: the service provider's maximum. */
        private static Integer count(String text) {
            if (text == null) {
                return null;
            }
            try {
                return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Long.parseLong(text.strip())));
            } catch (NumberFormatException e) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, "count must be an integer");
            }
        }
    }

    private Reply list(Call call, PeopleDirectory people, Schemas.ResourceType type, Search search) {
        Filter filter = search.filter() == null ? null : Filter.parse(search.filter(), type);
        Projection projection = Projection.of(search.attributes(), search.excluded(), type);
        int count = search.count() == null ? settings.maxResults() : Math.min(search.count(), settings.maxResults());
        int start = search.startIndex();
        List<ObjectNode> resources = new ArrayList<>();
        long total;
        if (type == Schemas.USERS) {
            Pushdown<PersonQuery.Condition> pushdown = Pushdown.people(filter);
            if (pushdown.exact()) {
                ResultPage<DirectoryPerson> page = people.people(new PersonQuery(pushdown.conditions(), null,
                        start - 1, count, true));
                page.items().forEach(p -> resources.add(UserMapping.toJson(p, call.baseUrl())));
                total = page.total();
            } else {
                total = scan(count, start, resources, after -> {
                    ResultPage<DirectoryPerson> page = people.people(new PersonQuery(pushdown.conditions(), after, 0,
                            SCAN_PAGE, false));
                    return new Chunk(page.items().stream().map(p -> UserMapping.toJson(p, call.baseUrl())).toList(),
                            page.nextAfter());
                }, filter);
            }
        } else {
            Pushdown<GroupQuery.Condition> pushdown = Pushdown.groups(filter);
            if (pushdown.exact()) {
                ResultPage<DirectoryGroup> page = people.groups(new GroupQuery(pushdown.conditions(), null, start - 1,
                        count, true, projection.returns("members")));
                page.items().forEach(g -> resources.add(GroupMapping.toJson(g, call.baseUrl())));
                total = page.total();
            } else {
                total = scan(count, start, resources, after -> {
                    ResultPage<DirectoryGroup> page = people.groups(new GroupQuery(pushdown.conditions(), after, 0,
                            SCAN_PAGE, false, true));
                    return new Chunk(page.items().stream().map(g -> GroupMapping.toJson(g, call.baseUrl())).toList(),
                            page.nextAfter());
                }, filter);
            }
        }
        ObjectNode list = Json.object();
        list.putArray("schemas").add(Schemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("itemsPerPage", resources.size());
        list.put("startIndex", start);
        ArrayNode items = list.putArray("Resources");
        resources.forEach(r -> items.add(projection.apply(r)));
        return Reply.of(200, list);
    }

    private record Chunk(List<ObjectNode> resources, String nextAfter) {
    }

    /**
     * Reads the whole (pre-filtered) directory in id order and evaluates the filter here, for filters SQL cannot
     * answer; returns the number of matches and keeps the requested window.
     */
    private static long scan(int count, int start, List<ObjectNode> window,
            java.util.function.Function<String, Chunk> read, Filter filter) {
        long matched = 0;
        String after = null;
        do {
            Chunk chunk = read.apply(after);
            for (ObjectNode resource : chunk.resources()) {
                if (filter.matches(resource)) {
                    matched++;
                    if (matched >= start && window.size() < count) {
                        window.add(resource);
                    }
                }
            }
            after = chunk.nextAfter();
        } while (after != null);
        return matched;
    }

    private Reply getUser(Call call, PeopleDirectory people, String id) {
        DirectoryPerson person = people.person(id).orElseThrow(() -> ScimException.notFound("no User " + id));
        return read(call, UserMapping.toJson(person, call.baseUrl()), person.version(), Schemas.USERS);
    }

    private Reply getGroup(Call call, PeopleDirectory people, String id) {
        Projection projection = Projection.of(call.query("attributes"), call.query("excludedAttributes"),
                Schemas.GROUPS);
        DirectoryGroup group = people.group(id, projection.returns("members"))
                .orElseThrow(() -> ScimException.notFound("no Group " + id));
        return read(call, GroupMapping.toJson(group, call.baseUrl()), group.version(), Schemas.GROUPS);
    }

    private Reply read(Call call, ObjectNode resource, long version, Schemas.ResourceType type) {
        String ifNoneMatch = call.header("If-None-Match");
        if (ifNoneMatch != null && Etags.matches(ifNoneMatch, version)) {
            return new Reply(304, null, new LinkedHashMap<>()).header("ETag", Etags.of(version));
        }
        return resource(call, 200, resource, version, type);
    }

    /** A resource response: projected body, ETag and, for 201, its Location. */
    private static Reply resource(Call call, int status, ObjectNode resource, long version, Schemas.ResourceType type) {
        Projection projection = Projection.of(call.query("attributes"), call.query("excludedAttributes"), type);
        Reply reply = Reply.of(status, projection.apply(resource)).header("ETag", Etags.of(version));
        if (status == 201) {
            reply.header("Location", resource.path("meta").path("location").asText());
        }
        return reply;
    }

    private Reply createUser(Call call, PeopleDirectory people) {
        ObjectNode user = resourceBody(call, Schemas.USERS);
        UserMapping.Write write = UserMapping.toDomain(user, UUID.randomUUID().toString(), null, false);
        DirectoryPerson created = people.create(ACTOR, write.person(), write.account());
        return resource(call, 201, UserMapping.toJson(created, call.baseUrl()), created.version(), Schemas.USERS);
    }

    private Reply replaceUser(Call call, PeopleDirectory people, String id) {
        ObjectNode user = resourceBody(call, Schemas.USERS);
        requireSameId(user, id);
        for (int attempt = 1; ; attempt++) {
            DirectoryPerson current = people.person(id).orElseThrow(() -> ScimException.notFound("no User " + id));
            Long expected = expectedVersion(call, current.version());
            UserMapping.Write write = UserMapping.toDomain(user, id, current, false);
            try {
                DirectoryPerson replaced = people.replace(ACTOR, write.person(), write.account(), expected);
                return resource(call, 200, UserMapping.toJson(replaced, call.baseUrl()), replaced.version(),
                        Schemas.USERS);
            } catch (DirectoryException e) {
                retryOrThrow(call, e, attempt);
            }
        }
    }

    private Reply patchUser(Call call, PeopleDirectory people, String id) {
        List<Patch.Operation> operations = Patch.parse(body(call), Schemas.USERS);
        for (int attempt = 1; ; attempt++) {
            DirectoryPerson current = people.person(id).orElseThrow(() -> ScimException.notFound("no User " + id));
            Long expected = expectedVersion(call, current.version());
            ObjectNode patched = Patch.apply(UserMapping.toJson(current, call.baseUrl()), operations, Schemas.USERS);
            UserMapping.Write write = UserMapping.toDomain(patched, id, current, true);
            try {
                DirectoryPerson replaced = people.replace(ACTOR, write.person(), write.account(), expected);
                return resource(call, 200, UserMapping.toJson(replaced, call.baseUrl()), replaced.version(),
                        Schemas.USERS);
            } catch (DirectoryException e) {
                retryOrThrow(call, e, attempt);
            }
        }
    }

    private Reply createGroup(Call call, PeopleDirectory people) {
        ObjectNode group = resourceBody(call, Schemas.GROUPS);
        DirectoryGroup created = people.createGroup(ACTOR, GroupMapping.toData(group));
        return resource(call, 201, GroupMapping.toJson(created, call.baseUrl()), created.version(), Schemas.GROUPS);
    }

    private Reply replaceGroup(Call call, PeopleDirectory people, String id) {
        ObjectNode group = resourceBody(call, Schemas.GROUPS);
        requireSameId(group, id);
        for (int attempt = 1; ; attempt++) {
            DirectoryGroup current = people.group(id, false).orElseThrow(() -> ScimException.notFound("no Group "
                    + id));
            Long expected = expectedVersion(call, current.version());
            try {
                DirectoryGroup replaced = people.replaceGroup(ACTOR, id, GroupMapping.toData(group), expected);
                return resource(call, 200, GroupMapping.toJson(replaced, call.baseUrl()), replaced.version(),
                        Schemas.GROUPS);
            } catch (DirectoryException e) {
                retryOrThrow(call, e, attempt);
            }
        }
    }

    /**
     * Member additions and removals change only those members (a large group is not rewritten) and answer 204;
     * any other PATCH is applied to the whole group.
     */
    private Reply patchGroup(Call call, PeopleDirectory people, String id) {
        List<Patch.Operation> operations = Patch.parse(body(call), Schemas.GROUPS);
        MemberChanges changes = MemberChanges.of(operations);
        if (changes != null) {
            DirectoryGroup current = people.group(id, false).orElseThrow(() -> ScimException.notFound("no Group "
                    + id));
            Long expected = expectedVersion(call, current.version());
            DirectoryGroup changed = people.changeMembers(ACTOR, id, changes.add(), changes.remove(),
                    call.header("If-Match") == null ? null : expected);
            return new Reply(204, null, new LinkedHashMap<>()).header("ETag", Etags.of(changed.version()));
        }
        for (int attempt = 1; ; attempt++) {
            DirectoryGroup current = people.group(id, true).orElseThrow(() -> ScimException.notFound("no Group "
                    + id));
            Long expected = expectedVersion(call, current.version());
            ObjectNode patched = Patch.apply(GroupMapping.toJson(current, call.baseUrl()), operations,
                    Schemas.GROUPS);
            try {
                DirectoryGroup replaced = people.replaceGroup(ACTOR, id, GroupMapping.toData(patched), expected);
                return resource(call, 200, GroupMapping.toJson(replaced, call.baseUrl()), replaced.version(),
                        Schemas.GROUPS);
            } catch (DirectoryException e) {
                retryOrThrow(call, e, attempt);
            }
        }
    }

    /** PATCH operations that only add or remove members by id; null when there is anything else. */
    record MemberChanges(Set<String> add, Set<String> remove) {

        static MemberChanges of(List<Patch.Operation> operations) {
            Map<String, Boolean> last = new LinkedHashMap<>();
            for (Patch.Operation operation : operations) {
                if (!collect(operation, last)) {
                    return null;
                }
            }
            Set<String> add = new LinkedHashSet<>();
            Set<String> remove = new LinkedHashSet<>();
            last.forEach((id, adding) -> (adding ? add : remove).add(id));
            return new MemberChanges(add, remove);
        }

        private static boolean collect(Patch.Operation operation, Map<String, Boolean> last) {
            JsonNode value = operation.value();
            if (operation.target() == null) {
                if (operation.op() != Patch.Op.ADD || value.size() != 1 || !value.fieldNames().next()
                        .equalsIgnoreCase("members")) {
                    return false;
                }
                return members(value.elements().next(), true, last);
            }
            Patch.Target target = operation.target();
            if (target.ignored() || target.path().attribute() == null
                    || !target.path().attribute().name().equals("members") || target.path().sub() != null
                    || target.subAfterFilter() != null) {
                return false;
            }
            if (target.filter() != null) {
                return operation.op() == Patch.Op.REMOVE && valueEqualities(target.filter(), last);
            }
            return switch (operation.op()) {
                case ADD -> members(value, true, last);
                case REMOVE -> value != null && !value.isNull() && members(value, false, last);
                case REPLACE -> false;
            };
        }

        private static boolean members(JsonNode value, boolean adding, Map<String, Boolean> last) {
            JsonNode canonical = Canonical.value(Schemas.GROUP_SCHEMA.attribute("members"), value, "members");
            if (canonical == null) {
                return true;
            }
            GroupMapping.memberIds(canonical).forEach(id -> last.put(id, adding));
            return true;
        }

        /** {@code value eq "a"} or {@code value eq "a" or value eq "b"}: removal of those members. */
        private static boolean valueEqualities(Filter filter, Map<String, Boolean> last) {
            if (filter instanceof Filter.Or or) {
                return valueEqualities(or.left(), last) && valueEqualities(or.right(), last);
            }
            if (filter instanceof Filter.Compare compare && compare.op() == Filter.Op.EQ
                    && compare.value().isTextual() && compare.path().sub().name().equals("value")) {
                last.put(compare.value().asText(), false);
                return true;
            }
            return false;
        }
    }

    private static Reply delete(Call call, PeopleDirectory people, String id, boolean users) {
        String ifMatch = call.header("If-Match");
        Long expected = null;
        if (ifMatch != null) {
            long version = users
                    ? people.person(id).orElseThrow(() -> ScimException.notFound("no User " + id)).version()
                    : people.group(id, false).orElseThrow(() -> ScimException.notFound("no Group " + id)).version();
            expected = expectedVersion(call, version);
        }
        if (users) {
            people.remove(ACTOR, id, expected);
        } else {
            people.removeGroup(ACTOR, id, expected);
        }
        return new Reply(204, null, new LinkedHashMap<>());
    }

    /**
     * The version a write must find: the one read, after checking If-Match against it (412 when the client's
     * copy is stale).
     */
    private static Long expectedVersion(Call call, long current) {
        String ifMatch = call.header("If-Match");
        if (ifMatch != null && !Etags.matches(ifMatch, current)) {
            throw new ScimException(412, null, "the resource changed since it was read (version is now "
                    + Etags.of(current) + ")");
        }
        return current;
    }

    /** Without If-Match, a write that lost a race with another one reads again and retries. */
    private static void retryOrThrow(Call call, DirectoryException e, int attempt) {
        if (e.kind() != DirectoryException.Kind.STALE_VERSION || call.header("If-Match") != null
                || attempt >= WRITE_ATTEMPTS) {
            throw e;
        }
    }

    private static void requireSameId(ObjectNode resource, String id) {
        JsonNode bodyId = resource.get("id");
        if (bodyId != null && !bodyId.asText().equals(id)) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE, "the id in the body is not the one in the"
                    + " URL");
        }
    }

    // ---- bodies and responses -----------------------------------------------------------------------------------

    /** A User or Group body in canonical form; its schemas must name the resource's core schema. */
    private ObjectNode resourceBody(Call call, Schemas.ResourceType type) {
        ObjectNode body = body(call);
        Set<String> schemas = Json.schemas(body);
        if (!schemas.contains(type.core().id().toLowerCase(Locale.ROOT))) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX,
                    "schemas must include " + type.core().id());
        }
        for (String urn : schemas) {
            if (!urn.equalsIgnoreCase(type.core().id()) && type.extension(urn) == null) {
                throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "unknown schema " + urn);
            }
        }
        return Canonical.resource(body, type);
    }

    private ObjectNode body(Call call) {
        HttpServletRequest request = call.request();
        String contentType = request.getContentType();
        if (contentType != null) {
            String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mediaType.equals(CONTENT_TYPE) && !mediaType.equals("application/json")) {
                throw new ScimException(415, null, "send " + CONTENT_TYPE + " (or application/json)");
            }
        }
        long declared = request.getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) > 0) {
                if (bytes.size() + read > settings.maxBodyBytes()) {
                    throw tooLarge();
                }
                bytes.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "the body could not be read");
        }
        if (bytes.size() == 0) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "a JSON body is required");
        }
        return Json.parseObject(bytes.toByteArray());
    }

    private ScimException tooLarge() {
        return new ScimException(413, null, "the body is larger than " + settings.maxBodyBytes() + " bytes");
    }

    private static ScimException methodNotAllowed(String allowed) {
        return new ScimException(405, null, "allowed here: " + allowed, allowed);
    }

    /** The public URL of /scim/v2: configured, or this request's scheme, host and servlet path. */
    private String baseUrl(HttpServletRequest request) {
        if (settings.baseUrl() != null) {
            return settings.baseUrl();
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + request.getServletPath();
    }

    static Reply error(int status, String scimType, String detail) {
        ObjectNode body = Json.object();
        body.putArray("schemas").add(Schemas.ERROR);
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return Reply.of(status, body);
    }

    private static Reply directoryError(DirectoryException e) {
        String attribute = e.field() == null ? null : switch (e.field()) {
            case DirectoryException.USER_NAME -> "userName";
            case DirectoryException.DISPLAY_NAME -> "displayName";
            case DirectoryException.MEMBERS -> "members";
            case "work_email" -> "emails.value";
            case "employee_number" -> "employeeNumber";
            case "manager_id" -> "manager.value";
            default -> e.field();
        };
        return switch (e.kind()) {
            case NOT_FOUND -> error(404, null, e.getMessage());
            case CONFLICT -> error(409, ScimException.UNIQUENESS,
                    (attribute == null ? "" : attribute + ": ") + e.getMessage());
            case STALE_VERSION -> error(412, null, e.getMessage());
            case INVALID -> error(400, ScimException.INVALID_VALUE,
                    (attribute == null ? "" : attribute + ": ") + e.getMessage());
        };
    }

    private static void write(HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        response.setHeader("Cache-Control", "no-store");
        reply.headers().forEach(response::setHeader);
        if (reply.body() == null) {
            response.setContentLength(0);
            return;
        }
        byte[] bytes = Json.bytes(reply.body());
        response.setContentType(CONTENT_TYPE + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
