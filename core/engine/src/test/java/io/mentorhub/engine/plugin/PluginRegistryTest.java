package io.mentorhub.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

class PluginRegistryTest {

    /** Just enough of a service reference to carry properties. */
    private static ServiceReference<Object> reference(Map<String, Object> properties) {
        return new ServiceReference<>() {
            @Override
            public Object getProperty(String key) {
                return properties.get(key);
            }

            @Override
            public String[] getPropertyKeys() {
                return properties.keySet().toArray(String[]::new);
            }

            @Override
            public Bundle getBundle() {
                return null;
            }

            @Override
            public Bundle[] getUsingBundles() {
                return null;
            }

            @Override
            public boolean isAssignableTo(Bundle bundle, String className) {
                return true;
            }

            @Override
            public int compareTo(Object reference) {
                return 0;
            }

            @Override
            public Dictionary<String, Object> getProperties() {
                return new Hashtable<>(properties);
            }

            @Override
            public <A> A adapt(Class<A> type) {
                return null;
            }
        };
    }

    @Test
    void configurationHidesFrameworkPropertiesAndMasksSecrets() {
        Map<String, Object> configuration = PluginRegistry.configuration(reference(Map.of(
                "objectClass", new String[] {"io.mentorhub.api.matching.MatchingStrategy"},
                "service.id", 12L, "component.name", "x", "felix.fileinstall.filename", "file:/deploy/x.cfg",
                ".hidden", "internal", "minimumScore", 40,
                "apiToken", "abc123", "password", "s3cret", "clientSecret", "xyz")));
        assertEquals(Map.of("minimumScore", 40, "apiToken", "********", "password", "********",
                "clientSecret", "********"), configuration);
        assertFalse(configuration.toString().contains("s3cret"));
    }
}
