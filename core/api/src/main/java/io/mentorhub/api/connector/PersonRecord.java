package io.mentorhub.api.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person as one HRIS page reports them, before the hub checks it: the HRIS id and the vendor's values mapped to
 * {@link PersonFields} names. A value the vendor left empty is absent (so the hub can measure each field's fill rate);
 * values are stripped text, dates ISO. {@code deleted} says the vendor removed the record: the hub then marks the
 * person terminated and keeps their history — people are never deleted.
 */
public record PersonRecord(String id, Map<String, String> fields, boolean deleted) {

    public PersonRecord {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("a person record needs an HRIS id of 1-64 characters");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((name, value) -> {
                if (!PersonFields.isKnown(name)) {
                    throw new IllegalArgumentException("unknown person field: " + name);
                }
                if (value != null && !value.isBlank() && !name.equals(PersonFields.ID)) {
                    copy.put(name, value.strip());
                }
            });
        }
        fields = Collections.unmodifiableMap(copy);
    }

    public static PersonRecord of(String id, Map<String, String> fields) {
        return new PersonRecord(id, fields, false);
    }

    public static PersonRecord deletedRecord(String id) {
        return new PersonRecord(id, Map.of(), true);
    }

    public String get(String field) {
        return field.equals(PersonFields.ID) ? id : fields.get(field);
    }
}
