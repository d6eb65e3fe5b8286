package io.mentorhub.engine.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API operation: method, path template such as {@code /api/pairings/{id}/goals}, the roles allowed to call it at
 * all (object-level checks happen in the handler), and what the OpenAPI document says about it.
 */
public record Route(String method, String template, Set<Role> roles, Handler handler, Doc doc) {

    @FunctionalInterface
    public interface Handler {
        ApiResult handle(ApiCall call) throws Exception;
    }

    /**
     * What the OpenAPI document says: summary, tag, request and response body types, query parameters and the
     * success status.
     */
    public record Doc(String summary, String tag, Class<?> requestBody, Class<?> responseBody, boolean list,
            List<String> query, int successStatus) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    public Route {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    /** Path parameter names in order. */
    public List<String> parameters() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    Pattern pattern() {
        return Pattern.compile(PARAMETER.matcher(template.replace(".", "\\.")).replaceAll("([^/]+)"));
    }

    /** Path parameters if the path matches this route's template, else null. */
    Map<String, String> match(String path) {
        Matcher matcher = pattern().matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> names = parameters();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), matcher.group(i + 1));
        }
        return values;
    }
}
