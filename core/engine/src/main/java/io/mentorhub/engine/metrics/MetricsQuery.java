package io.mentorhub.engine.metrics;

import io.mentorhub.api.domain.Program;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a caller asks for, as given ({@code from}, {@code to}: null for the defaults) and checked: dates are
 * YYYY-MM-DD, the cohort is an enrollment month YYYY-MM, the breakdown is month or quarter. The same rules serve the
 * REST API and the shell.
 */
public record MetricsQuery(LocalDate from, LocalDate to, YearMonth cohort, Period.Breakdown breakdown) {

    /** Longest period asked for: 10 years (120 monthly rows). */
    public static final int MAX_DAYS = 3653;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    /** A query the hub cannot answer; {@code code} is the API's stable problem code. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String code;

        Invalid(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static MetricsQuery parse(String from, String to, String cohort, String breakdown) {
        Period.Breakdown by = Period.Breakdown.MONTH;
        if (breakdown != null) {
            by = switch (breakdown.toLowerCase(Locale.ROOT)) {
                case "month" -> Period.Breakdown.MONTH;
                case "quarter" -> Period.Breakdown.QUARTER;
                default -> throw new Invalid("invalid-parameter", "by must be month or quarter");
            };
        }
        YearMonth month = null;
        if (cohort != null) {
            if (!MONTH.matcher(cohort).matches()) {
                throw new Invalid("invalid-parameter", "cohort must be an enrollment month such as 2027-01");
            }
            try {
                month = YearMonth.parse(cohort);
            } catch (DateTimeException e) {
                throw new Invalid("invalid-parameter", "cohort must be an enrollment month such as 2027-01");
            }
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (start != null && end != null) {
            checkOrder(start, end);
        }
        return new MetricsQuery(start, end, month, by);
    }

    private static LocalDate date(String name, String text) {
        if (text == null) {
            return null;
        }
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw new Invalid("invalid-parameter", name + " must be a date such as 2027-01-31");
    }

    private static void checkOrder(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new Invalid("invalid-parameter", "from (" + from + ") is after to (" + to + ")");
        }
        if (new Period(from, to).days() > MAX_DAYS) {
            throw new Invalid("invalid-parameter", "the period is longer than 10 years; ask for a shorter one");
        }
    }

    /**
     * The period to report on. {@code from} defaults to the program's launch; {@code to} to today, but not after the
     * program's completion end — and to that end if today is before {@code from} (a program that has not started is
     * looked at as planned).
     */
    public Period period(Program program, LocalDate today) {
        LocalDate start = from != null ? from : program.phases().launch().start();
        LocalDate end = to;
        if (end == null) {
            LocalDate programEnd = program.phases().completion().end();
            end = today.isBefore(programEnd) ? today : programEnd;
            if (end.isBefore(start)) {
                end = programEnd;
            }
            if (end.isBefore(start)) {
                throw new Invalid("invalid-parameter", "from (" + start + ") is after the program's end (" + end
                        + "); give to as well to look past it");
            }
        }
        checkOrder(start, end);
        return new Period(start, end);
    }
}
