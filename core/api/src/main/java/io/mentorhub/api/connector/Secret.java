package io.mentorhub.api.connector;

import java.util.Objects;

/**
 * A credential from a connector instance's configuration. It prints as {@code ****}: a connector that logs or
 * formats its configuration by mistake shows nothing. Only {@link #reveal()} gives the value, at the point it goes
 * on the wire.
 */
public final class Secret {

    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
