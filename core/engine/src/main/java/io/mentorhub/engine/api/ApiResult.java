package io.mentorhub.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A successful answer: status, JSON body (null for none) and headers such as ETag and Location. */
public record ApiResult(int status, Object body, Map<String, String> headers) {

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body, Map.of());
    }

    public static ApiResult created(Object body, String location, String etag) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        if (etag != null) {
            headers.put("ETag", etag);
        }
        return new ApiResult(201, body, headers);
    }

    public static ApiResult withEtag(Object body, String etag) {
        return new ApiResult(200, body, Map.of("ETag", etag));
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null, Map.of());
    }
}
