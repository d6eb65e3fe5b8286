package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schemas this service provider serves (RFC 7643): what /Schemas and /ResourceTypes show, and what every
 * attribute path in a body, filter, PATCH path or projection is resolved against — names case-insensitively, with
 * each attribute's type, case rule and mutability. Only what the hub keeps is declared; the standard User attributes
 * it has no place for (phone numbers, addresses, …) are listed as ignored, so identity providers' default mappings
 * work unchanged, while a name that is neither is an error.
 */
final class Schemas {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** The hub's own User extension: the HRIS fields the standard schemas do not have. */
    static final String HUB = "urn:ietf:params:scim:schemas:extension:mentorhub:2.0:User";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    enum Type {
        STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"), DATE_TIME("dateTime"),
        REFERENCE("reference"), COMPLEX("complex");

        final String wire;

        Type(String wire) {
            this.wire = wire;
        }
    }

    enum Mutability {
        READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable"), WRITE_ONLY("writeOnly");

        final String wire;

        Mutability(String wire) {
            this.wire = wire;
        }
    }

    enum Returned {
        ALWAYS("always"), NEVER("never"), DEFAULT("default"), REQUEST("request");

        final String wire;

        Returned(String wire) {
            this.wire = wire;
        }
    }

    /** One attribute definition (RFC 7643 §7). */
    record Attribute(String name, Type type, boolean multiValued, boolean required, boolean caseExact,
            Mutability mutability, Returned returned, String uniqueness, List<Attribute> subAttributes,
            List<String> canonicalValues, List<String> referenceTypes, String description) {

        Attribute {
            subAttributes = List.copyOf(subAttributes);
            canonicalValues = List.copyOf(canonicalValues);
            referenceTypes = List.copyOf(referenceTypes);
        }

        static Attribute of(String name, Type type, String description) {
            return new Attribute(name, type, false, false, false, Mutability.READ_WRITE, Returned.DEFAULT, "none",
                    List.of(), List.of(), List.of(), description);
        }

        static Attribute string(String name, String description) {
            return of(name, Type.STRING, description);
        }

        static Attribute complex(String name, String description, Attribute... subAttributes) {
            return of(name, Type.COMPLEX, description).withSubAttributes(subAttributes);
        }

        Attribute withSubAttributes(Attribute... subs) {
            return new Attribute(name, type, multiValued, required, caseExact, mutability, returned, uniqueness,
                    Arrays.asList(subs), canonicalValues, referenceTypes, description);
        }

        Attribute multi() {
            return new Attribute(name, type, true, required, caseExact, mutability, returned, uniqueness,
                    subAttributes, canonicalValues, referenceTypes, description);
        }

        Attribute asRequired() {
            return new Attribute(name, type, multiValued, true, caseExact, mutability, returned, uniqueness,
                    subAttributes, canonicalValues, referenceTypes, description);
        }

        Attribute exact() {
            return new Attribute(name, type, multiValued, required, true, mutability, returned, uniqueness,
                    subAttributes, canonicalValues, referenceTypes, description);
        }

        Attribute mutability(Mutability value) {
            return new Attribute(name, type, multiValued, required, caseExact, value, returned, uniqueness,
                    subAttributes, canonicalValues, referenceTypes, description);
        }

        Attribute returned(Returned value) {
            return new Attribute(name, type, multiValued, required, caseExact, mutability, value, uniqueness,
                    subAttributes, canonicalValues, referenceTypes, description);
        }

        Attribute unique() {
            return new Attribute(name, type, multiValued, required, caseExact, mutability, returned, "server",
                    subAttributes, canonicalValues, referenceTypes, description);
        }

        Attribute canonical(String... values) {
            return new Attribute(name, type, multiValued, required, caseExact, mutability, returned, uniqueness,
                    subAttributes, List.of(values), referenceTypes, description);
        }

        Attribute references(String... types) {
            return new Attribute(name, type, multiValued, required, true, mutability, returned, uniqueness,
                    subAttributes, canonicalValues, List.of(types), description);
        }

        boolean complex() {
            return type == Type.COMPLEX;
        }

        boolean readOnly() {
            return mutability == Mutability.READ_ONLY;
        }

        /** A sub-attribute by name, ignoring case; null if there is none. */
        Attribute sub(String subName) {
            return find(subAttributes, subName);
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("name", name);
            json.put("type", type.wire);
            json.put("multiValued", multiValued);
            json.put("description", description);
            json.put("required", required);
            if (type == Type.STRING || type == Type.REFERENCE) {
                json.put("caseExact", caseExact);
            }
            if (!canonicalValues.isEmpty()) {
                canonicalValues.forEach(json.putArray("canonicalValues")::add);
            }
            if (!referenceTypes.isEmpty()) {
                referenceTypes.forEach(json.putArray("referenceTypes")::add);
            }
            json.put("mutability", mutability.wire);
            json.put("returned", returned.wire);
            if (!complex()) {
                json.put("uniqueness", uniqueness);
            }
            if (complex()) {
                ArrayNode subs = json.putArray("subAttributes");
                subAttributes.forEach(sub -> subs.add(sub.toJson()));
            }
            return json;
        }
    }

    /** A schema: its URN, its attributes, and the standard attributes the hub accepts but does not keep. */
    record Schema(String id, String name, String description, List<Attribute> attributes, Set<String> ignored) {

        Attribute attribute(String attributeName) {
            return find(attributes, attributeName);
        }

        /** An ignored attribute or sub-attribute path such as {@code phoneNumbers} or {@code name.formatted}. */
        boolean ignores(String path) {
            return ignored.contains(path.toLowerCase(Locale.ROOT));
        }

        ObjectNode toJson(String baseUrl) {
            ObjectNode json = Json.object();
            json.putArray("schemas").add(SCHEMA);
            json.put("id", id);
            json.put("name", name);
            json.put("description", description);
            ArrayNode list = json.putArray("attributes");
            attributes.forEach(a -> list.add(a.toJson()));
            ObjectNode meta = json.putObject("meta");
            meta.put("resourceType", "Schema");
            meta.put("location", baseUrl + "/Schemas/" + id);
            return json;
        }
    }

    /** A resource type: its endpoint, core schema and extensions. */
    record ResourceType(String name, String endpoint, String description, Schema core, List<Schema> extensions) {

        /** The extension with this URN, ignoring case; null if none. */
        Schema extension(String urn) {
            for (Schema extension : extensions) {
                if (extension.id().equalsIgnoreCase(urn)) {
                    return extension;
                }
            }
            return null;
        }

        List<Schema> schemas() {
            List<Schema> all = new ArrayList<>();
            all.add(core);
            all.addAll(extensions);
            return all;
        }

        ObjectNode toJson(String baseUrl) {
            ObjectNode json = Json.object();
            json.putArray("schemas").add(RESOURCE_TYPE);
            json.put("id", name);
            json.put("name", name);
            json.put("endpoint", endpoint);
            json.put("description", description);
            json.put("schema", core.id());
            ArrayNode list = json.putArray("schemaExtensions");
            for (Schema extension : extensions) {
                list.addObject().put("schema", extension.id()).put("required", false);
            }
            ObjectNode meta = json.putObject("meta");
            meta.put("resourceType", "ResourceType");
            meta.put("location", baseUrl + "/ResourceTypes/" + name);
            return json;
        }
    }

    // ---- the attributes every resource has (RFC 7643 §3.1); not part of any schema ---------------------------------

    static final Attribute ID = Attribute.string("id", "The service provider's unique, stable identifier.")
            .exact().mutability(Mutability.READ_ONLY).returned(Returned.ALWAYS).unique();
    static final Attribute EXTERNAL_ID = Attribute.string("externalId",
            "The provisioning client's identifier for the resource.").exact();
    static final Attribute META = Attribute.complex("meta", "Resource metadata.",
            Attribute.string("resourceType", "The resource type.").exact().mutability(Mutability.READ_ONLY),
            Attribute.of("created", Type.DATE_TIME, "When the resource was added.")
                    .mutability(Mutability.READ_ONLY),
            Attribute.of("lastModified", Type.DATE_TIME, "When the resource last changed.")
                    .mutability(Mutability.READ_ONLY),
            Attribute.of("location", Type.REFERENCE, "The resource's URI.").references("uri")
                    .mutability(Mutability.READ_ONLY),
            Attribute.string("version", "The resource's version (its ETag).").exact()
                    .mutability(Mutability.READ_ONLY))
            .mutability(Mutability.READ_ONLY);
    static final List<Attribute> COMMON = List.of(ID, EXTERNAL_ID, META);

    // ---- User ----------------------------------------------------------------------------------------------------

    static final Schema USER_SCHEMA = new Schema(USER, "User", "A person in the hub's directory.", List.of(
            Attribute.string("userName", "The login the provisioning client knows the person by; unique, ignoring"
                    + " case. A person from the HRIS not yet provisioned is known by their work e-mail.")
                    .asRequired().unique(),
            Attribute.complex("name", "The person's name; both parts are required by the hub.",
                    Attribute.string("givenName", "Given name.").asRequired(),
                    Attribute.string("familyName", "Family name.").asRequired()).asRequired(),
            Attribute.string("displayName", "The name shown for the person; \"given family\" when not set."),
            Attribute.string("title", "Job title."),
            Attribute.complex("emails", "E-mail addresses; the hub keeps one, the work address (else the primary,"
                    + " else the first).",
                    Attribute.string("value", "The address."),
                    Attribute.string("type", "work, home or other.").canonical("work", "home", "other"),
                    Attribute.of("primary", Type.BOOLEAN, "Whether this is the primary address.")).multi(),
            Attribute.string("timezone", "IANA time zone, e.g. Europe/Paris."),
            Attribute.of("active", Type.BOOLEAN, "false: the person left (terminated, dated the day it is set)."),
            Attribute.complex("groups", "The groups the person belongs to (change them through /Groups).",
                    Attribute.string("value", "The group's id.").exact().mutability(Mutability.READ_ONLY),
                    Attribute.of("$ref", Type.REFERENCE, "The group's URI.").references("Group")
                            .mutability(Mutability.READ_ONLY),
                    Attribute.string("display", "The group's name.").mutability(Mutability.READ_ONLY),
                    Attribute.string("type", "direct").canonical("direct").mutability(Mutability.READ_ONLY))
                    .multi().mutability(Mutability.READ_ONLY)),
            Set.of("nickname", "profileurl", "usertype", "preferredlanguage", "locale", "password", "phonenumbers",
                    "ims", "photos", "addresses", "entitlements", "roles", "x509certificates", "name.formatted",
                    "name.middlename", "name.honorificprefix", "name.honorificsuffix", "emails.display"));

    static final Schema ENTERPRISE_SCHEMA = new Schema(ENTERPRISE, "EnterpriseUser",
            "Enterprise User (RFC 7643 §4.3).", List.of(
            Attribute.string("employeeNumber", "Employee number; unique in the hub."),
            Attribute.string("costCenter", "Cost center (kept as the custom attribute cost_center)."),
            Attribute.string("organization", "Organization (kept as the custom attribute organization)."),
            Attribute.string("division", "Division (kept as the custom attribute division)."),
            Attribute.string("department", "Department."),
            Attribute.complex("manager", "The person's manager, a User of this service provider.",
                    Attribute.string("value", "The manager's id.").exact(),
                    Attribute.of("$ref", Type.REFERENCE, "The manager's URI.").references("User"),
                    Attribute.string("displayName", "The manager's name.").mutability(Mutability.READ_ONLY))),
            Set.of());

    static final Schema HUB_SCHEMA = new Schema(HUB, "MentorhubUser",
            "The HRIS fields mentorhub matches on that the standard schemas lack. A PUT without this extension (and"
                    + " without its URN in schemas) leaves them as they are.", List.of(
            Attribute.string("grade", "Job grade or level."),
            Attribute.string("team", "Team within the department."),
            Attribute.string("location", "Office or city."),
            Attribute.string("hireDate", "Hire date, YYYY-MM-DD."),
            Attribute.string("languages", "Languages spoken, as tags such as en or fr-CA.").multi(),
            Attribute.of("onLeave", Type.BOOLEAN, "true: an active person on leave (status L).")),
            Set.of());

    static final ResourceType USERS = new ResourceType("User", "/Users", "People in the hub's directory.",
            USER_SCHEMA, List.of(ENTERPRISE_SCHEMA, HUB_SCHEMA));

    // ---- Group ---------------------------------------------------------------------------------------------------

    static final Schema GROUP_SCHEMA = new Schema(GROUP, "Group", "A group of people.", List.of(
            Attribute.string("displayName", "The group's name; unique, ignoring case.").asRequired().unique(),
            Attribute.complex("members", "The people in the group (Users only: groups do not nest).",
                    Attribute.string("value", "The member's id.").exact().mutability(Mutability.IMMUTABLE),
                    Attribute.of("$ref", Type.REFERENCE, "The member's URI.").references("User")
                            .mutability(Mutability.IMMUTABLE),
                    Attribute.string("display", "The member's name.").mutability(Mutability.READ_ONLY),
                    Attribute.string("type", "User.").canonical("User").mutability(Mutability.IMMUTABLE)).multi()),
            Set.of());

    static final ResourceType GROUPS = new ResourceType("Group", "/Groups", "Groups of people.", GROUP_SCHEMA,
            List.of());

    static final List<ResourceType> RESOURCE_TYPES = List.of(USERS, GROUPS);
    static final List<Schema> ALL = List.of(USER_SCHEMA, ENTERPRISE_SCHEMA, HUB_SCHEMA, GROUP_SCHEMA);

    private Schemas() {
    }

    static Attribute find(List<Attribute> attributes, String name) {
        for (Attribute attribute : attributes) {
            if (attribute.name().equalsIgnoreCase(name)) {
                return attribute;
            }
        }
        return null;
    }

    /**
     * An attribute path resolved against a resource type: {@code extension} is the URN of the extension holding the
     * attribute (null for core and common attributes); {@code attribute} is null when the path names the whole
     * extension; {@code sub} is the sub-attribute or null; {@code ignored} marks a standard attribute the hub does
     * not keep.
     */
    record Path(String extension, Attribute attribute, Attribute sub, boolean ignored) {

        static final Path IGNORED = new Path(null, null, null, true);

        /** The attribute the path ends at (the sub-attribute if any). */
        Attribute leaf() {
            return sub != null ? sub : attribute;
        }

        String display() {
            String name = attribute == null ? (sub == null ? "" : sub.name())
                    : attribute.name() + (sub == null ? "" : "." + sub.name());
            return extension == null ? name : extension + (name.isEmpty() ? "" : ":" + name);
        }
    }

    /**
     * Resolves {@code attr}, {@code attr.sub}, {@code urn:…:attr[.sub]} or an extension URN; null when the path
     * names nothing this service provider knows.
     */
    static Path resolve(ResourceType type, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:")) {
            for (Schema schema : type.schemas()) {
                String urn = schema.id().toLowerCase(Locale.ROOT);
                if (lower.equals(urn)) {
                    return schema == type.core() ? null : new Path(schema.id(), null, null, false);
                }
                if (lower.startsWith(urn + ":")) {
                    Path inner = resolveIn(schema, path.substring(urn.length() + 1), schema == type.core());
                    if (inner == null || inner.ignored()) {
                        return inner;
                    }
                    return schema == type.core() ? inner : new Path(schema.id(), inner.attribute(), inner.sub(),
                            false);
                }
            }
            return null;
        }
        return resolveIn(type.core(), path, true);
    }

    private static Path resolveIn(Schema schema, String path, boolean withCommon) {
        int dot = path.indexOf('.');
        String name = dot < 0 ? path : path.substring(0, dot);
        String subName = dot < 0 ? null : path.substring(dot + 1);
        Attribute attribute = withCommon ? find(COMMON, name) : null;
        if (attribute == null) {
            attribute = schema.attribute(name);
        }
        if (attribute == null) {
            return schema.ignores(name) ? Path.IGNORED : null;
        }
        if (subName == null) {
            return new Path(null, attribute, null, false);
        }
        Attribute sub = attribute.sub(subName);
        if (sub == null) {
            return schema.ignores(attribute.name() + "." + subName) ? Path.IGNORED : null;
        }
        return new Path(null, attribute, sub, false);
    }
}
