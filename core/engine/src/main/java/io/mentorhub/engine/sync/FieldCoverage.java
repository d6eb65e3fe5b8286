package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How often each allowlisted field came filled in the records of a run (deleted records aside). A vendor change that
 * silently blanks a field shows as its fill rate collapsing against the last successful run: the run is flagged, and
 * from then on an empty value of that field no longer overwrites a stored one (see {@link RecordMapping}).
 */
final class FieldCoverage {

    /** Fewer records than this say nothing about a field's fill rate. */
    static final int MIN_RECORDS = 20;

    /** A field's fill rate over the records seen. */
    record Rate(long filled, long seen) {
        double rate() {
            return seen == 0 ? 0 : (double) filled / seen;
        }

        Rate plus(Rate other) {
            return new Rate(filled + other.filled, seen + other.seen);
        }
    }

    private final Map<String, Rate> rates = new TreeMap<>();

    static FieldCoverage of(Map<String, long[]> counts) {
        FieldCoverage coverage = new FieldCoverage();
        counts.forEach((field, pair) -> coverage.rates.put(field, new Rate(pair[0], pair[1])));
        return coverage;
    }

    /** Counts the records' filled values of the allowlisted fields (the id is always there, so it is left out). */
    static FieldCoverage count(Collection<PersonRecord> records, Set<String> fields) {
        FieldCoverage coverage = new FieldCoverage();
        for (String field : fields) {
            if (field.equals(PersonFields.ID)) {
                continue;
            }
            long filled = 0;
            long seen = 0;
            for (PersonRecord record : records) {
                if (!record.deleted()) {
                    seen++;
                    filled += record.fields().containsKey(field) ? 1 : 0;
                }
            }
            coverage.rates.put(field, new Rate(filled, seen));
        }
        return coverage;
    }

    FieldCoverage plus(FieldCoverage other) {
        FieldCoverage sum = new FieldCoverage();
        sum.rates.putAll(rates);
        other.rates.forEach((field, rate) -> sum.rates.merge(field, rate, Rate::plus));
        return sum;
    }

    Map<String, Rate> rates() {
        return rates;
    }

    Map<String, long[]> counts() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        rates.forEach((field, rate) -> counts.put(field, new long[] {rate.filled(), rate.seen()}));
        return counts;
    }

    /**
     * Whether a field's fill rate fell by more than {@code thresholdPercent} of the baseline's, both measured over
     * enough records. 100 never flags.
     */
    static boolean dropped(Rate baseline, Rate now, int thresholdPercent) {
        if (baseline == null || now == null || thresholdPercent >= 100 || baseline.seen() < MIN_RECORDS
                || now.seen() < MIN_RECORDS || baseline.filled() == 0) {
            return false;
        }
        return now.rate() < baseline.rate() * (1 - thresholdPercent / 100.0);
    }

    static double percent(Rate rate) {
        return Math.round(rate.rate() * 1000) / 10.0;
    }
}
