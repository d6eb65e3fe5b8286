package io.mentorhub.connectors.support.records;

import io.mentorhub.api.connector.PersonFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which vendor column or attribute feeds which {@link PersonFields person field}, written in a setting as
 * {@code person_field:Vendor Name, …} — for example {@code id:Employee ID, given_name:First Name,
 * custom.cost_center:Cost Center}. A vendor name may contain spaces; entries are separated by commas.
 */
public final class FieldMapping {

    private final Map<String, String> vendorByField;

    private FieldMapping(Map<String, String> vendorByField) {
        this.vendorByField = Collections.unmodifiableMap(vendorByField);
    }

    /**
     * Parses a mapping; {@code required} fields must be mapped.
     *
     * @throws IllegalArgumentException naming every problem (the text holds column names only, never a secret)
     */
    public static FieldMapping parse(String text, Set<String> required) {
        Map<String, String> map = new LinkedHashMap<>();
        StringBuilder problems = new StringBuilder();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                problems.append("; '").append(entry.strip()).append("' is not person_field:Vendor Name");
                continue;
            }
            String field = entry.substring(0, colon).strip();
            String vendor = entry.substring(colon + 1).strip();
            if (!PersonFields.isKnown(field)) {
                problems.append("; '").append(field).append("' is not a person field (")
                        .append("use one of ").append(new java.util.TreeSet<>(PersonFields.ALL))
                        .append(" or custom.<key>)");
            } else if (vendor.isEmpty()) {
                problems.append("; ").append(field).append(" names no vendor column");
            } else if (map.putIfAbsent(field, vendor) != null) {
                problems.append("; ").append(field).append(" is mapped twice");
            }
        }
        for (String field : required) {
            if (!map.containsKey(field) && problems.indexOf(" " + field + " ") < 0) {
                problems.append("; ").append(field).append(" must be mapped");
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(2));
        }
        return new FieldMapping(map);
    }

    /** Person field → vendor name, in the order written. */
    public Map<String, String> entries() {
        return vendorByField;
    }

    public String vendorName(String field) {
        return vendorByField.get(field);
    }

    /** Only the entries whose person field the hub keeps (the instance's allowlist); the id always stays. */
    public FieldMapping restrictTo(Set<String> fields) {
        Map<String, String> kept = new LinkedHashMap<>();
        vendorByField.forEach((field, vendor) -> {
            if (field.equals(PersonFields.ID) || fields.contains(field)) {
                kept.put(field, vendor);
            }
        });
        return new FieldMapping(kept);
    }

    @Override
    public String toString() {
        return "FieldMapping" + vendorByField;
    }
}
