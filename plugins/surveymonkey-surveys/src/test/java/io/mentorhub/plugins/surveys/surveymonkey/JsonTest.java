package io.mentorhub.plugins.surveys.surveymonkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatSurveyMonkeySends() {
        Object parsed = Json.parse("{\"per_page\": 2, \"data\": [{\"id\": \"5007154325\", \"total_time\": 0,"
                + " \"custom_variables\": {\"mh_inv\": \"inv-1\"}, \"text\": \"caf\\u00e9\\n\\\"ok\\\"\"}],"
                + " \"links\": {\"self\": \"https:\\/\\/api.surveymonkey.com\\/v3\", \"next\": null}, \"ok\": true}");
        Map<String, Object> root = Json.object(parsed, "root");
        assertEquals(new BigDecimal(2), root.get("per_page"));
        Map<String, Object> first = Json.object(Json.array(root.get("data"), "data").get(0), "first");
        assertEquals("5007154325", Json.text(first, "id"));
        assertEquals("0", Json.text(first, "total_time"));
        assertEquals("café\n\"ok\"", first.get("text"));
        assertEquals("https://api.surveymonkey.com/v3", Json.object(root.get("links"), "links").get("self"));
        assertEquals(Boolean.TRUE, root.get("ok"));
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("title", "Quote \" backslash \\ tab\t newline\n control\u0001");
        value.put("n", 3);
        value.put("list", Arrays.asList(true, null, "x"));
        assertEquals(value.toString(), Json.parse(Json.write(value)).toString());
    }

    @Test
    void refusesMalformedTextWithoutQuotingIt() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "{\"a\":1} x", "nul", "{\"a\":\"\u0001\"}",
                "[".repeat(100) + "]".repeat(100))) {
            var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertFalse(bad.length() > 3 && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
