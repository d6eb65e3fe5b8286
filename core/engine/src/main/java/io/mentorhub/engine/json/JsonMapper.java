package io.mentorhub.engine.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of the hub, for the API and for JSON columns alike: snake_case names, ISO dates, and
 * strict reading — unknown properties, duplicate keys, wrong types, coerced scalars and deep nesting are errors.
 */
public final class JsonMapper {

    /** Deeper than any mentorhub document needs; a cap against stack-exhausting payloads. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** RFC 3339 full-date: a four-digit year. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** RFC 3339 date-time: seconds and an offset are required. */
    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    public static final ObjectMapper MAPPER = build();

    private JsonMapper() {
    }

    /** An RFC 3339 date-time such as 2026-03-31T09:00:00Z as an instant; DateTimeException for anything else. */
    public static Instant instant(String text) {
        if (text == null || !INSTANT.matcher(text).matches()) {
            throw new DateTimeException("not an RFC 3339 date-time: " + text);
        }
        return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
    }

    /**
     * Dates and instants as RFC 3339 strings only. The JSR-310 defaults also take epoch numbers, digit strings,
     * arrays, a date-time for a date and years past 9999 (which the databases cannot store).
     */
    private static final class StrictTime<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Pattern shape;
        private final transient Function<String, T> parse;

        StrictTime(Class<T> type, Pattern shape, Function<String, T> parse) {
            super(type);
            this.shape = shape;
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            if (shape.matcher(text).matches()) {
                try {
                    return parse.apply(text);
                } catch (DateTimeException e) {
                    // reported below
                }
            }
            return (T) context.handleWeirdStringValue(handledType(), text, "not an RFC 3339 value");
        }
    }

    private static ObjectMapper build() {
        com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(1_000_000).maxNumberLength(64).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        Builder builder = com.fasterxml.jackson.databind.json.JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("strict-time")
                        .addDeserializer(LocalDate.class, new StrictTime<>(LocalDate.class, DATE, LocalDate::parse))
                        .addDeserializer(Instant.class, new StrictTime<>(Instant.class, INSTANT, JsonMapper::instant)))
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper mapper = builder.build();
        // "" is not a value for numbers, dates or enums.
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
