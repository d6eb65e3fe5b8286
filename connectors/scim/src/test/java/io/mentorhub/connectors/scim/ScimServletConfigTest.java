package io.mentorhub.connectors.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component's configuration: defaults, each setting's effect, and the token rules. */
class ScimServletConfigTest {

    @Test
    void defaultsAreSafe() {
        Map<String, Object> defaults = Map.of("_token", "", "baseUrl", "", "maxBodyBytes", 1 << 20,
                "maxResults", 200);
        for (Method m : ScimServlet.Config.class.getDeclaredMethods()) {
            assertEquals(defaults.get(m.getName()), m.getDefaultValue(), m.getName());
        }
        assertEquals(defaults.size(), ScimServlet.Config.class.getDeclaredMethods().length);
    }

    @Test
    void settingsAreCheckedWhenTheComponentStarts() {
        assertEquals("https://hub.example.com/scim/v2",
                new ScimProtocol.Settings("https://hub.example.com/scim/v2//", 1024, 1000).baseUrl());
        assertNull(new ScimProtocol.Settings("  ", 1024, 1).baseUrl(), "blank: taken from each request");
        for (Runnable bad : new Runnable[] {
                () -> new ScimProtocol.Settings("ftp://hub.example.com", 1 << 20, 200),
                () -> new ScimProtocol.Settings("https://hub.example.com/scim?x=1", 1 << 20, 200),
                () -> new ScimProtocol.Settings("", 1023, 200),
                () -> new ScimProtocol.Settings("", 1 << 20, 0),
                () -> new ScimProtocol.Settings("", 1 << 20, 1001)}) {
            assertThrows(IllegalArgumentException.class, bad::run);
        }
        assertThrows(IllegalArgumentException.class, () -> new ScimServlet(ScimTestSupport.config(
                ScimTestSupport.TOKEN, "not a url", 1 << 20, 200)));
    }

    @Test
    void theTokenIsKeptAsADigestAndNeverPrinted() {
        String secret = "s3cret-token-0123456789-abcdefghijklmnop";
        BearerToken token = BearerToken.of("  " + secret + "\n");
        assertTrue(token.configured());
        assertTrue(token.accepts(secret));
        assertFalse(token.accepts(secret + "x"));
        assertFalse(token.accepts(secret.substring(1)));
        assertFalse(token.accepts(""));
        assertFalse(token.accepts(null));
        assertFalse(token.toString().contains(secret));
        for (String unusable : new String[] {null, "", "short", "$[secret:scim.token]",
                "$[env:MENTORHUB_SCIM_TOKEN]-0123456789abcdef", "tab\tinside-0123456789abcdefghijklmnop",
                "ünïcode-0123456789abcdefghijklmnopqrstuv"}) {
            BearerToken refused = BearerToken.of(unusable);
            assertFalse(refused.configured(), String.valueOf(unusable));
            assertFalse(refused.accepts(unusable));
            if (unusable != null && unusable.length() > 8) {
                assertFalse(refused.problem().contains(unusable), "the problem never repeats the value");
            }
        }
    }
}
