package io.mentorhub.connectors.support.records;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** Dates as vendors write them, to the ISO {@code YYYY-MM-DD} person records carry. */
public final class DateValues {

    private DateValues() {
    }

    /**
     * A formatter for a pattern from a setting ({@code dd.MM.yyyy}, {@code MM/dd/yyyy}…), strict: 31.02. is refused.
     *
     * @throws IllegalArgumentException if the pattern is not a date pattern
     */
    public static DateTimeFormatter pattern(String pattern) {
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
            LocalDate.parse(LocalDate.of(2024, 2, 29).format(formatter), formatter);
            return formatter;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a date pattern such as yyyy-MM-dd");
        }
    }

    /** The ISO date for {@code text} in {@code format}; {@link DateTimeParseException} if it is not one. */
    public static String iso(String text, DateTimeFormatter format) {
        return LocalDate.parse(text.strip(), format).toString();
    }

    /**
     * An ISO date from what JSON APIs send: {@code 2024-03-01}, or a date-time whose date part is taken as written
     * ({@code 2024-03-01T00:00:00.000-08:00} is 1 March wherever the reader is), or a date with its zone
     * ({@code 2024-03-01-08:00}).
     */
    public static String isoFromApi(String text) {
        String value = text.strip();
        if (value.length() > 10 && (value.charAt(10) == '+' || value.charAt(10) == '-' || value.charAt(10) == 'Z')) {
            return LocalDate.parse(value.substring(0, 10)).toString(); // Workday's 2024-03-01-08:00: a date with its zone
        }
        if (value.length() > 10 && value.charAt(10) == 'T') {
            String offset = value.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
            try {
                return OffsetDateTime.parse(offset).toLocalDate().toString();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).toLocalDate().toString();
            }
        }
        return LocalDate.parse(value).toString();
    }
}
