package io.mentorhub.plugins.surveys.surveymonkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component's configuration: defaults, the mapping of each setting, and what it refuses. */
class SurveyMonkeyConfigTest {

    static final String TOKEN = "sm-secret-token-abc123";

    @Test
    void defaultsAreSafe() throws Exception {
        Map<String, Object> defaults = Map.of("baseUrl", "https://api.surveymonkey.com", "delivery", "weblink",
                "senderEmail", "", "pageSize", 100, "timeoutSeconds", 30, "allowPlainHttpForTests", false);
        for (Method m : SurveyMonkeySurveyTool.Config.class.getDeclaredMethods()) {
            if (m.getName().equals("_accessToken")) {
                assertEquals(null, m.getDefaultValue(), "the token has no default");
            } else {
                assertEquals(defaults.get(m.getName()), m.getDefaultValue(), m.getName());
            }
        }
    }

    @Test
    void mapsEachSetting() {
        var tool = new SurveyMonkeySurveyTool(config("https://api.eu.surveymonkey.com", TOKEN, "email", 50, 10));
        HubPlugin.requireValidId(tool.id());
        assertFalse(tool.hubDelivers());
        assertEquals("SurveyMonkeySurveyTool[https://api.eu.surveymonkey.com, delivery=email, pageSize=50]",
                tool.toString());
        assertTrue(new SurveyMonkeySurveyTool(config("https://api.surveymonkey.com", TOKEN, "Weblink", 1, 1))
                .hubDelivers());
    }

    @Test
    void refusesBadSettingsWithoutPrintingTheToken() {
        for (var bad : new SurveyMonkeySurveyTool.Config[] {
                config("https://api.surveymonkey.com", "", "email", 100, 30),
                config("https://api.surveymonkey.com", "has space " + TOKEN, "email", 100, 30),
                config("https://api.surveymonkey.com", TOKEN, "sms", 100, 30),
                config("https://api.surveymonkey.com", TOKEN, "email", 101, 30),
                config("https://api.surveymonkey.com", TOKEN, "email", 0, 30),
                config("https://api.surveymonkey.com", TOKEN, "email", 100, 0),
                config("http://api.surveymonkey.com", TOKEN, "email", 100, 30),
                config("https://169.254.169.254", TOKEN, "email", 100, 30)}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new SurveyMonkeySurveyTool(bad));
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    static SurveyMonkeySurveyTool.Config config(String baseUrl, String token, String delivery, int pageSize,
            int timeoutSeconds) {
        return new SurveyMonkeySurveyTool.Config() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public String _accessToken() {
                return token;
            }

            @Override
            public String delivery() {
                return delivery;
            }

            @Override
            public String senderEmail() {
                return "";
            }

            @Override
            public int pageSize() {
                return pageSize;
            }

            @Override
            public int timeoutSeconds() {
                return timeoutSeconds;
            }

            @Override
            public boolean allowPlainHttpForTests() {
                return false;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return SurveyMonkeySurveyTool.Config.class;
            }
        };
    }
}
