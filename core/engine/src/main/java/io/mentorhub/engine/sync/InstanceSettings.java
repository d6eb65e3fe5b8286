package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.Setting;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the hub itself configures for every connector instance, next to the connector's own settings in the same
 * factory configuration ({@code io.mentorhub.connector~<instance>}). {@link #SCHEMA} declares each key with its
 * default, as a connector declares its own, so the API and the README show them the same way.
 */
public record InstanceSettings(String type, boolean enabled, SyncSchedule incremental, boolean incrementalSet,
        SyncSchedule full, double rateLimit, int pageSize, Set<String> fields, Duration overlap, int maxAttempts,
        Duration retryDelay, Duration retryAfterCap, int coverageThreshold, boolean allowHttp, Path folder,
        Pattern filePattern, SyncSchedule completions, SyncSchedule reviewFeed, String reviewPeriod) {

    public static final String TYPE = "type";
    public static final String ENABLED = "enabled";
    public static final String SCHEDULE_INCREMENTAL = "schedule_incremental";
    public static final String SCHEDULE_FULL = "schedule_full";
    public static final String RATE_LIMIT = "rate_limit";
    public static final String PAGE_SIZE = "page_size";
    public static final String FIELDS = "fields";
    public static final String OVERLAP = "overlap";
    public static final String MAX_ATTEMPTS = "max_attempts";
    public static final String RETRY_DELAY = "retry_delay";
    public static final String RETRY_AFTER_CAP = "retry_after_cap";
    public static final String COVERAGE_THRESHOLD = "coverage_threshold";
    public static final String ALLOW_HTTP = "allow_http";
    public static final String FOLDER = "folder";
    public static final String FILE_PATTERN = "file_pattern";
    public static final String SCHEDULE_COMPLETIONS = "schedule_completions";
    public static final String SCHEDULE_REVIEW_FEED = "schedule_review_feed";
    public static final String REVIEW_PERIOD = "review_period";
    /** The review periods a scheduled feed push can cover: the one that contains the day of the push. */
    public static final Set<String> REVIEW_PERIODS = Set.of("quarter", "half", "year");

    /** Every standard field: what an instance keeps unless its {@code fields} says less. */
    public static final String DEFAULT_FIELDS = String.join(",", new TreeSet<>(PersonFields.ALL));

    public static final List<Setting> SCHEMA = List.of(
            Setting.required(TYPE, "Connector", Setting.Type.STRING,
                    "The connector's id, e.g. bamboohr (GET /api/connector-types lists the installed ones)"),
            Setting.optional(ENABLED, "Enabled", Setting.Type.BOOLEAN, "true",
                    "false keeps the instance configured but runs nothing"),
            Setting.optional(SCHEDULE_INCREMENTAL, "Incremental schedule", Setting.Type.STRING, "15m",
                    "off, an interval (30s, 15m, 6h, 1d) or daily HH:MM; only for connectors that can read changes "
                            + "since an instant (PEOPLE_INCREMENTAL_SYNC)"),
            Setting.optional(SCHEDULE_FULL, "Full schedule", Setting.Type.STRING, "daily 02:00",
                    "off, an interval or daily HH:MM (the hub's time zone): everyone is read again"),
            Setting.optional(RATE_LIMIT, "Rate limit", Setting.Type.STRING, "5",
                    "Requests per second to the vendor, never exceeded (a whole number, or below 1 for one request "
                            + "every 1/rate seconds)"),
            Setting.optional(PAGE_SIZE, "Page size", Setting.Type.INTEGER, "200",
                    "People asked for per request (1-" + PeopleQuery.MAX_PAGE_SIZE + ")"),
            Setting.optional(FIELDS, "Fields", Setting.Type.STRING, DEFAULT_FIELDS,
                    "Comma-separated allowlist of person fields the hub keeps, custom attributes as custom.<key>; "
                            + "must include given_name and family_name"),
            Setting.optional(OVERLAP, "Overlap", Setting.Type.STRING, "5m",
                    "An incremental sync reads changes since the previous successful run's fetch start minus this, "
                            + "so clock skew never hides a change"),
            Setting.optional(MAX_ATTEMPTS, "Attempts", Setting.Type.INTEGER, "8",
                    "Attempts per page before a run gives up on a failing vendor"),
            Setting.optional(RETRY_DELAY, "Retry delay", Setting.Type.STRING, "1s",
                    "First backoff after a failure; doubled at each attempt, with jitter"),
            Setting.optional(RETRY_AFTER_CAP, "Retry-After cap", Setting.Type.STRING, "60s",
                    "The longest wait for a vendor's Retry-After or a backoff"),
            Setting.optional(COVERAGE_THRESHOLD, "Coverage threshold", Setting.Type.INTEGER, "50",
                    "A run is flagged when a field's fill rate falls by more than this percentage of the last "
                            + "successful run's; its empty values then do not overwrite stored ones (100: off)"),
            Setting.optional(ALLOW_HTTP, "Allow plain http", Setting.Type.BOOLEAN, "false",
                    "Let URL settings use http instead of https (a vendor sandbox on a private network)"),
            Setting.optional(FOLDER, "Drop folder", Setting.Type.STRING, null,
                    "PEOPLE_FILE connectors: the folder watched for files (processed ones go to archive/, refused "
                            + "ones to failed/)"),
            Setting.optional(FILE_PATTERN, "File pattern", Setting.Type.STRING, ".*\\.csv",
                    "PEOPLE_FILE connectors: regular expression the names of the files to read match"),
            Setting.optional(SCHEDULE_COMPLETIONS, "Completions schedule", Setting.Type.STRING, "6h",
                    "LEARNING_COMPLETIONS connectors: how often course completions are read into goal progress "
                            + "(off, an interval or daily HH:MM)"),
            Setting.optional(SCHEDULE_REVIEW_FEED, "Review feed schedule", Setting.Type.STRING, "daily 03:00",
                    "REVIEW_FEED connectors: when the review feed of the current period is pushed (entries that "
                            + "did not change since their last push are not sent again)"),
            Setting.optional(REVIEW_PERIOD, "Review period", Setting.Type.STRING, "half",
                    "REVIEW_FEED connectors: the period a scheduled push covers, the one containing the day of the "
                            + "push: quarter, half or year"));

    private static final Set<String> KEYS;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    static {
        Set<String> keys = new LinkedHashSet<>();
        SCHEMA.forEach(s -> keys.add(s.id()));
        KEYS = Collections.unmodifiableSet(keys);
    }

    public static boolean isHubKey(String key) {
        return KEYS.contains(key);
    }

    /** Keys Configuration Admin and FileInstall add to every configuration. */
    public static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                || key.startsWith("osgi.");
    }

    /**
     * Reads the hub's keys of a raw configuration; every problem goes into {@code problems} (key → message, never a
     * value) and null is returned if there is any.
     */
    public static InstanceSettings parse(Map<String, String> raw, Map<String, String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : SCHEMA) {
            String given = raw.get(setting.id());
            String value = given == null || given.isBlank() ? setting.defaultValue() : given.strip();
            if (value == null && setting.required()) {
                problems.put(setting.id(), "is required");
            }
            values.put(setting.id(), value);
        }
        String type = values.get(TYPE);
        boolean enabled = bool(values, ENABLED, problems);
        SyncSchedule incremental = schedule(values, SCHEDULE_INCREMENTAL, problems);
        SyncSchedule full = schedule(values, SCHEDULE_FULL, problems);
        double rate = 0;
        try {
            rate = Double.parseDouble(values.get(RATE_LIMIT));
            if (!(rate > 0) || rate > 1000 || (rate >= 1 && rate != Math.floor(rate))) {
                problems.put(RATE_LIMIT, "must be a whole number from 1 to 1000, or a number between 0 and 1");
            }
        } catch (NumberFormatException e) {
            problems.put(RATE_LIMIT, "must be a number of requests per second");
        }
        int pageSize = integer(values, PAGE_SIZE, 1, PeopleQuery.MAX_PAGE_SIZE, problems);
        Set<String> fields = fields(values.get(FIELDS), problems);
        Duration overlap = duration(values, OVERLAP, Duration.ZERO, Duration.ofDays(1), problems);
        int maxAttempts = integer(values, MAX_ATTEMPTS, 1, 100, problems);
        Duration retryDelay = duration(values, RETRY_DELAY, Duration.ofMillis(1), Duration.ofMinutes(10), problems);
        Duration cap = duration(values, RETRY_AFTER_CAP, Duration.ZERO, Duration.ofHours(1), problems);
        int threshold = integer(values, COVERAGE_THRESHOLD, 0, 100, problems);
        boolean allowHttp = bool(values, ALLOW_HTTP, problems);
        Path folder = null;
        if (values.get(FOLDER) != null) {
            try {
                folder = Path.of(values.get(FOLDER)).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.put(FOLDER, "is not a valid path");
            }
        }
        Pattern filePattern = null;
        try {
            filePattern = Pattern.compile(values.get(FILE_PATTERN));
        } catch (PatternSyntaxException e) {
            problems.put(FILE_PATTERN, "is not a valid regular expression");
        }
        SyncSchedule completions = schedule(values, SCHEDULE_COMPLETIONS, problems);
        SyncSchedule reviewFeed = schedule(values, SCHEDULE_REVIEW_FEED, problems);
        String reviewPeriod = values.get(REVIEW_PERIOD).toLowerCase(Locale.ROOT);
        if (!REVIEW_PERIODS.contains(reviewPeriod)) {
            problems.put(REVIEW_PERIOD, "must be quarter, half or year");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        String explicit = raw.get(SCHEDULE_INCREMENTAL);
        return new InstanceSettings(type, enabled, incremental, explicit != null && !explicit.isBlank(), full, rate,
                pageSize, fields, overlap, maxAttempts, retryDelay, cap, threshold, allowHttp, folder, filePattern,
                completions, reviewFeed, reviewPeriod);
    }

    /** The settings as configuration values, each key as {@link #parse} reads it. */
    public Map<String, String> shown() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(TYPE, type);
        shown.put(ENABLED, String.valueOf(enabled));
        shown.put(SCHEDULE_INCREMENTAL, incremental.toString());
        shown.put(SCHEDULE_FULL, full.toString());
        shown.put(RATE_LIMIT, rateLimit == Math.floor(rateLimit) ? String.valueOf((long) rateLimit)
                : String.valueOf(rateLimit));
        shown.put(PAGE_SIZE, String.valueOf(pageSize));
        shown.put(FIELDS, String.join(",", new TreeSet<>(fields)));
        shown.put(OVERLAP, format(overlap));
        shown.put(MAX_ATTEMPTS, String.valueOf(maxAttempts));
        shown.put(RETRY_DELAY, format(retryDelay));
        shown.put(RETRY_AFTER_CAP, format(retryAfterCap));
        shown.put(COVERAGE_THRESHOLD, String.valueOf(coverageThreshold));
        shown.put(ALLOW_HTTP, String.valueOf(allowHttp));
        if (folder != null) {
            shown.put(FOLDER, folder.toString());
        }
        shown.put(FILE_PATTERN, filePattern.pattern());
        shown.put(SCHEDULE_COMPLETIONS, completions.toString());
        shown.put(SCHEDULE_REVIEW_FEED, reviewFeed.toString());
        shown.put(REVIEW_PERIOD, reviewPeriod);
        return shown;
    }

    private static Set<String> fields(String list, Map<String, String> problems) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add(PersonFields.ID);
        for (String part : list.split(",")) {
            String field = part.strip().toLowerCase(Locale.ROOT);
            if (field.isEmpty()) {
                continue;
            }
            if (!PersonFields.isKnown(field)) {
                problems.put(FIELDS, "names an unknown field: " + field + " (standard fields and custom.<key>)");
                return Set.of();
            }
            fields.add(field);
        }
        if (!fields.contains(PersonFields.GIVEN_NAME) || !fields.contains(PersonFields.FAMILY_NAME)) {
            problems.put(FIELDS, "must include given_name and family_name: a person cannot be created without them");
        }
        return Collections.unmodifiableSet(fields);
    }

    private static SyncSchedule schedule(Map<String, String> values, String key, Map<String, String> problems) {
        try {
            return SyncSchedule.parse(values.get(key));
        } catch (IllegalArgumentException e) {
            problems.put(key, e.getMessage());
            return SyncSchedule.OFF;
        }
    }

    private static boolean bool(Map<String, String> values, String key, Map<String, String> problems) {
        String value = values.get(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problems.put(key, "must be true or false");
        }
        return value.equals("true");
    }

    private static int integer(Map<String, String> values, String key, int min, int max, Map<String, String> problems) {
        try {
            int value = Integer.parseInt(values.get(key));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.put(key, "must be a whole number from " + min + " to " + max);
        return min;
    }

    private static Duration duration(Map<String, String> values, String key, Duration min, Duration max,
            Map<String, String> problems) {
        try {
            Duration value = duration(values.get(key));
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                return value;
            }
            problems.put(key, "must be from " + format(min) + " to " + format(max));
        } catch (IllegalArgumentException e) {
            problems.put(key, "must be a duration such as 500ms, 30s, 5m, 2h or 1d");
        }
        return min;
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT5M}. */
    public static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("negative duration");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration");
        }
    }

    /** The shortest of the forms {@link #duration(String)} reads. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
