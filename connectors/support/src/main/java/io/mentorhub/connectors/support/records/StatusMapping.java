package io.mentorhub.connectors.support.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which vendor status values mean active ({@code A}), on leave ({@code L}) or terminated ({@code T}), written in a
 * setting as {@code Vendor Value:A, …}; matching ignores case and surrounding blanks.
 */
public final class StatusMapping {

    private final Map<String, String> codeByValue;

    private StatusMapping(Map<String, String> codeByValue) {
        this.codeByValue = Collections.unmodifiableMap(codeByValue);
    }

    /** @throws IllegalArgumentException naming every problem */
    public static StatusMapping parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        StringBuilder problems = new StringBuilder();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String value = colon < 0 ? "" : entry.substring(0, colon).strip();
            String code = colon < 0 ? "" : entry.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
            if (value.isEmpty() || !(code.equals("A") || code.equals("L") || code.equals("T"))) {
                problems.append("; '").append(entry.strip()).append("' is not Vendor Value:A|L|T");
            } else if (map.putIfAbsent(key(value), code) != null) {
                problems.append("; '").append(value).append("' is mapped twice");
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(2));
        }
        return new StatusMapping(map);
    }

    /** The code for a vendor value, or empty if the mapping does not know it. */
    public Optional<String> code(String vendorValue) {
        return vendorValue == null ? Optional.empty() : Optional.ofNullable(codeByValue.get(key(vendorValue)));
    }

    private static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "StatusMapping" + codeByValue;
    }
}
