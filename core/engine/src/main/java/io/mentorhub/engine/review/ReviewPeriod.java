package io.mentorhub.engine.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A review period as HR names it: a year ({@code 2027}), a half ({@code 2027-H1}), a quarter ({@code 2027-Q3}), or any
 * inclusive range of dates ({@code 2027-01-01..2027-06-30}). Review cycles rarely follow calendar months, hence the
 * range form.
 */
public record ReviewPeriod(String name, LocalDate start, LocalDate end) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    /** Longest range accepted: one review period, not the company's history. */
    static final int MAX_DAYS = 3 * 366;

    /** Parses a period; throws IllegalArgumentException saying what forms are accepted. */
    public static ReviewPeriod parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is required, e.g. 2027, 2027-H1, 2027-Q3 or "
                    + "2027-01-01..2027-06-30");
        }
        Matcher m;
        if ((m = YEAR.matcher(text)).matches()) {
            int year = year(m.group(1));
            return new ReviewPeriod(text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        if ((m = HALF.matcher(text)).matches()) {
            LocalDate start = LocalDate.of(year(m.group(1)), m.group(2).equals("1") ? 1 : 7, 1);
            return new ReviewPeriod(text, start, start.plusMonths(6).minusDays(1));
        }
        if ((m = QUARTER.matcher(text)).matches()) {
            LocalDate start = LocalDate.of(year(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1);
            return new ReviewPeriod(text, start, start.plusMonths(3).minusDays(1));
        }
        if ((m = RANGE.matcher(text)).matches()) {
            try {
                LocalDate start = LocalDate.parse(m.group(1));
                LocalDate end = LocalDate.parse(m.group(2));
                year(String.valueOf(start.getYear()));
                year(String.valueOf(end.getYear()));
                if (end.isBefore(start)) {
                    throw new IllegalArgumentException("period ends before it starts");
                }
                if (end.toEpochDay() - start.toEpochDay() >= MAX_DAYS) {
                    throw new IllegalArgumentException("period spans more than " + MAX_DAYS + " days");
                }
                return new ReviewPeriod(text, start, end);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("period holds a date that does not exist");
            }
        }
        throw new IllegalArgumentException("period must be a year (2027), a half (2027-H1), a quarter (2027-Q3) or "
                + "a range of dates (2027-01-01..2027-06-30)");
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year < 1990 || year > 2200) {
            throw new IllegalArgumentException("period year must be between 1990 and 2200");
        }
        return year;
    }

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(start) && !date.isAfter(end);
    }

    /** Whether a span from {@code from} to {@code until} (null: still open) overlaps this period. */
    public boolean overlaps(LocalDate from, LocalDate until) {
        return from != null && !from.isAfter(end) && (until == null || !until.isBefore(start));
    }
}
