package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last line of defence for an instance's credentials: connectors must never put a secret in a message, and the
 * hub also blanks every secret value of the instance out of any text it stores, shows or logs (error messages,
 * rejection reasons, warnings).
 */
final class Redaction {

    static final Redaction NONE = new Redaction(List.of());

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    static Redaction of(ConnectorConfig config, List<Setting> schema) {
        if (config == null) {
            return NONE;
        }
        List<String> secrets = new ArrayList<>();
        for (Setting setting : schema) {
            if (setting.secret()) {
                config.secret(setting.id()).map(Secret::reveal).filter(v -> v.length() >= 3).ifPresent(secrets::add);
            }
        }
        // Longest first, so a secret that contains another is blanked whole.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(List.copyOf(secrets));
    }

    String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, Secret.MASK);
        }
        return result;
    }
}
