package io.mentorhub.api.connector;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of a connector's configuration schema, modelled on an OSGi Metatype attribute definition: the hub
 * validates an instance's configuration against it, shows it to administrators, and masks every {@link Type#SECRET}.
 *
 * @param id          the key in the instance's configuration, e.g. {@code api_key}
 * @param name        label shown to administrators
 * @param description what it is for and where to find it in the vendor's admin screens
 * @param type        how the value is checked (and, for SECRET, masked)
 * @param required    the instance is refused without it
 * @param defaultValue used when the configuration leaves it out; null for none (never set for a SECRET)
 * @param options     the only values allowed, or empty for any
 */
public record Setting(String id, String name, String description, Type type, boolean required, String defaultValue,
        List<String> options) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public enum Type {
        STRING, INTEGER, BOOLEAN,
        /** An endpoint; checked with {@link Endpoints#check} before any connection is made. */
        URL,
        /** A credential: masked wherever the hub shows configuration; given by interpolation, never in clear. */
        SECRET
    }

    public Setting {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("setting id must match [a-z][a-z0-9_]{0,63}, was: " + id);
        }
        if (name == null || name.isBlank() || description == null || type == null) {
            throw new IllegalArgumentException("setting " + id + " needs a name, a description and a type");
        }
        if (type == Type.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("secret setting " + id + " cannot have a default value");
        }
        options = List.copyOf(options == null ? List.of() : options);
        if (defaultValue != null && !options.isEmpty() && !options.contains(defaultValue)) {
            throw new IllegalArgumentException("default of setting " + id + " is not one of its options");
        }
    }

    public static Setting required(String id, String name, Type type, String description) {
        return new Setting(id, name, description, type, true, null, List.of());
    }

    public static Setting optional(String id, String name, Type type, String defaultValue, String description) {
        return new Setting(id, name, description, type, false, defaultValue, List.of());
    }

    public static Setting choice(String id, String name, String defaultValue, List<String> options, String description) {
        return new Setting(id, name, description, Type.STRING, false, defaultValue, options);
    }

    public boolean secret() {
        return type == Type.SECRET;
    }
}
