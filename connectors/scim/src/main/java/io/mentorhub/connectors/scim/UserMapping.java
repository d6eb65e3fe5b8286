package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.directory.Account;
import io.mentorhub.api.directory.DirectoryPerson;
import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A hub person as a SCIM User and back. The mapping (also in the README):
 *
 * <pre>
 * userName, displayName, externalId            the person's directory account
 * name.givenName / name.familyName             given_name / family_name
 * emails (work, else primary, else first)      work_email
 * title, timezone                              title, time_zone
 * active                                       status: false = T (terminated), true = A, or L with hub onLeave
 * enterprise employeeNumber, department        employee_number, department
 * enterprise manager.value                     manager_id (a User's id)
 * enterprise costCenter/organization/division  custom attributes cost_center/organization/division
 * hub grade, team, location, hireDate,         grade, team, location, hire_date, languages,
 *     languages, onLeave                           status L
 * </pre>
 */
final class UserMapping {

    static final Map<String, String> CUSTOM = Map.of("costCenter", "cost_center", "organization", "organization",
            "division", "division");

    /** Domain field names in validation errors, as SCIM attribute paths. */
    private static final Map<String, String> ATTRIBUTE_OF_FIELD = Map.ofEntries(
            Map.entry("given_name", "name.givenName"), Map.entry("family_name", "name.familyName"),
            Map.entry("work_email", "emails.value"), Map.entry("title", "title"),
            Map.entry("time_zone", "timezone"), Map.entry("employee_number", "employeeNumber"),
            Map.entry("department", "department"), Map.entry("manager_id", "manager.value"),
            Map.entry("grade", "grade"), Map.entry("team", "team"), Map.entry("location", "location"),
            Map.entry("hire_date", "hireDate"), Map.entry("languages", "languages"),
            Map.entry("user_name", "userName"), Map.entry("display_name", "displayName"),
            Map.entry("external_id", "externalId"), Map.entry("id", "id"));

    private UserMapping() {
    }

    static ObjectNode toJson(DirectoryPerson entry, String baseUrl) {
        Person person = entry.person();
        ObjectNode user = Json.object();
        ArrayNode schemas = user.putArray("schemas").add(Schemas.USER);
        user.put("id", person.id());
        if (entry.externalId() != null) {
            user.put("externalId", entry.externalId());
        }
        user.put("userName", entry.userName());
        user.putObject("name").put("givenName", person.givenName()).put("familyName", person.familyName());
        user.put("displayName", entry.displayName());
        putIfSet(user, "title", person.title());
        if (person.workEmail() != null) {
            user.putArray("emails").addObject().put("value", person.workEmail()).put("type", "work")
                    .put("primary", true);
        }
        putIfSet(user, "timezone", person.timeZone());
        user.put("active", person.status() != PersonStatus.T);
        if (!entry.groups().isEmpty()) {
            ArrayNode groups = user.putArray("groups");
            for (DirectoryPerson.GroupRef group : entry.groups()) {
                groups.addObject().put("value", group.id()).put("$ref", baseUrl + "/Groups/" + group.id())
                        .put("display", group.displayName()).put("type", "direct");
            }
        }
        ObjectNode enterprise = Json.object();
        putIfSet(enterprise, "employeeNumber", person.employeeNumber());
        CUSTOM.forEach((attribute, key) -> putIfSet(enterprise, attribute, person.customAttributes().get(key)));
        putIfSet(enterprise, "department", person.department());
        if (person.managerId() != null) {
            enterprise.putObject("manager").put("value", person.managerId())
                    .put("$ref", baseUrl + "/Users/" + person.managerId());
        }
        if (!enterprise.isEmpty()) {
            schemas.add(Schemas.ENTERPRISE);
            user.set(Schemas.ENTERPRISE, enterprise);
        }
        ObjectNode hub = Json.object();
        putIfSet(hub, "grade", person.grade());
        putIfSet(hub, "team", person.team());
        putIfSet(hub, "location", person.location());
        putIfSet(hub, "hireDate", person.hireDate() == null ? null : person.hireDate().toString());
        if (!person.languages().isEmpty()) {
            person.languages().forEach(hub.putArray("languages")::add);
        }
        hub.put("onLeave", person.status() == PersonStatus.L);
        schemas.add(Schemas.HUB);
        user.set(Schemas.HUB, hub);
        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", entry.created().toString());
        meta.put("lastModified", entry.lastModified().toString());
        meta.put("location", baseUrl + "/Users/" + person.id());
        meta.put("version", Etags.of(entry.version()));
        return user;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** What a write asks for: the person and their account. */
    record Write(Person person, Account account) {
    }

    /**
     * The person and account a canonical User describes. {@code current} (null for a create) supplies what the
     * request does not assert: the hub's custom attributes, and — unless {@code complete} (a PATCH result, which is
     * the whole resource) — an extension the request neither sends nor lists in {@code schemas}.
     */
    static Write toDomain(ObjectNode user, String id, DirectoryPerson current, boolean complete) {
        Set<String> declared = Json.schemas(user);
        Person before = current == null ? null : current.person();
        try {
            String userName = text(user, "userName");
            if (userName == null) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, "userName is required");
            }
            JsonNode name = user.path("name");
            String givenName = text(name, "givenName");
            String familyName = text(name, "familyName");
            if (givenName == null || familyName == null) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE,
                        "name.givenName and name.familyName are required by this service provider");
            }
            // Not sent: as it was (a PUT that omits active neither rehires nor terminates); a new person is active.
            boolean active = user.path("active").isBoolean() ? user.path("active").booleanValue()
                    : before == null || before.status() != PersonStatus.T;

            boolean enterpriseAsserted = complete || user.has(Schemas.ENTERPRISE)
                    || declared.contains(Schemas.ENTERPRISE.toLowerCase(Locale.ROOT));
            String employeeNumber = before == null ? null : before.employeeNumber();
            String department = before == null ? null : before.department();
            String managerId = before == null ? null : before.managerId();
            Map<String, String> custom = new LinkedHashMap<>(before == null ? Map.of() : before.customAttributes());
            if (enterpriseAsserted) {
                JsonNode enterprise = user.path(Schemas.ENTERPRISE);
                employeeNumber = text(enterprise, "employeeNumber");
                department = text(enterprise, "department");
                managerId = text(enterprise.path("manager"), "value");
                for (Map.Entry<String, String> mapped : CUSTOM.entrySet()) {
                    String value = text(enterprise, mapped.getKey());
                    if (value == null) {
                        custom.remove(mapped.getValue());
                    } else {
                        custom.put(mapped.getValue(), value);
                    }
                }
            }

            boolean hubAsserted = complete || user.has(Schemas.HUB)
                    || declared.contains(Schemas.HUB.toLowerCase(Locale.ROOT));
            String grade = before == null ? null : before.grade();
            String team = before == null ? null : before.team();
            String location = before == null ? null : before.location();
            LocalDate hireDate = before == null ? null : before.hireDate();
            List<String> languages = before == null ? List.of() : before.languages();
            boolean onLeave = before != null && before.status() == PersonStatus.L;
            if (hubAsserted) {
                JsonNode hub = user.path(Schemas.HUB);
                grade = text(hub, "grade");
                team = text(hub, "team");
                location = text(hub, "location");
                hireDate = date(text(hub, "hireDate"));
                languages = new ArrayList<>();
                for (JsonNode language : hub.path("languages")) {
                    languages.add(language.asText());
                }
                onLeave = hub.path("onLeave").asBoolean(false);
            }
            PersonStatus status = !active ? PersonStatus.T : onLeave ? PersonStatus.L : PersonStatus.A;
            Person person = new Person(id, employeeNumber, givenName, familyName, workEmail(user.path("emails")),
                    text(user, "title"), grade, department, team, location, text(user, "timezone"), languages,
                    managerId, hireDate, status, custom);
            Account account = new Account(userName, displayName(text(user, "displayName"), person, before, complete),
                    text(user, "externalId"));
            return new Write(person, account);
        } catch (InvalidValueException e) {
            throw invalid(e);
        }
    }

    /**
     * The display name to store: none while it is just "given family" — the name shown without one, which a PATCH
     * result carries unchanged from the representation it started from — so it follows later renames.
     */
    private static String displayName(String sent, Person person, Person before, boolean complete) {
        if (sent == null || sent.strip().equals(person.givenName() + " " + person.familyName())) {
            return null;
        }
        if (complete && before != null && sent.strip().equals(before.givenName() + " " + before.familyName())) {
            return null;
        }
        return sent;
    }

    /** A domain rule broken, told with the SCIM attribute's name. */
    static ScimException invalid(InvalidValueException e) {
        String field = e.field().replaceAll("\\[\\d+]$", "");
        String attribute = ATTRIBUTE_OF_FIELD.get(field);
        if (attribute == null && field.startsWith("custom_attributes.")) {
            String key = field.substring("custom_attributes.".length());
            attribute = CUSTOM.entrySet().stream().filter(c -> c.getValue().equals(key)).map(Map.Entry::getKey)
                    .findFirst().orElse(field);
        }
        return ScimException.badRequest(ScimException.INVALID_VALUE,
                (attribute == null ? field : attribute) + ": " + e.reason());
    }

    /** The work address, else the primary one, else the first. */
    private static String workEmail(JsonNode emails) {
        JsonNode chosen = null;
        for (JsonNode email : emails) {
            if (email.path("type").asText("").equalsIgnoreCase("work")) {
                chosen = email;
                break;
            }
        }
        if (chosen == null) {
            for (JsonNode email : emails) {
                if (email.path("primary").asBoolean(false)) {
                    chosen = email;
                    break;
                }
            }
        }
        if (chosen == null && emails.size() > 0) {
            chosen = emails.get(0);
        }
        return chosen == null ? null : text(chosen, "value");
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE, "hireDate must be a date, YYYY-MM-DD");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
