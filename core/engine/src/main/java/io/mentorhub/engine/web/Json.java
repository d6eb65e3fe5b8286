package io.mentorhub.engine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON responses outside the API (health). */
public final class Json {

    public static final ObjectMapper MAPPER = io.mentorhub.engine.json.JsonMapper.MAPPER;

    private Json() {
    }

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        write(response, status, "application/json", body);
    }

    private static void write(HttpServletResponse response, int status, String type, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot serialise response", e);
        }
        response.setStatus(status);
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
