package io.mentorhub.engine.sync;

import io.mentorhub.engine.sync.SyncRun.Counts;
import io.mentorhub.engine.sync.SyncRun.Mode;
import io.mentorhub.engine.sync.SyncRun.Timings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * One sync run in progress on this node: what it reads (instance snapshot, mode, watermark, cursor), the page in
 * hand, what it has done so far (restored from the checkpoint when a run is resumed), and how to stop it. The route
 * moves it through {@code begin → (fetch → apply)* → link managers → finish}; only the route's thread changes it,
 * other threads read its progress and may {@link #stop} it — except while the next vendor page is read ahead: then
 * the read-ahead thread alone reads (the fixed settings, {@link #currentQuery}, the read timings and the phase it
 * reports apart), and the route's thread takes the page through a {@link Future}.
 */
final class SyncJob {

    /** The job was asked to stop: cancelled, or its instance went away. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled(String message) {
            super(message);
        }
    }

    /** The vendor kept failing past max_attempts. */
    static final class RetriesExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetriesExhausted(String message) {
            super(message);
        }
    }

    /** A dropped file that cannot be read at all: it is moved to failed/ and nothing of it is applied. */
    static final class FileRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileRefused(String message) {
            super(message);
        }
    }

    static final int MAX_WARNINGS = 100;

    final String runId;
    final ConnectorInstance instance;
    final InstanceSettings settings;
    final long leaseToken;
    final String node;
    final boolean dryRun;
    final SyncRunStore.Options options;
    final Redaction redaction;
    Mode mode;

    // What the run reads.
    Instant modifiedSince;
    Instant fetchStartedAt;
    String cursor;
    boolean exhausted;
    PageSource source;
    Path file;
    Batch batch;
    /** The query of the vendor page being read: kept with a dead letter if the vendor refuses the page. */
    volatile DeadLetterStore.PageQuery currentQuery;
    /** The next vendor page, read on the read-ahead thread while the current one is applied; null when none is. */
    private volatile Future<Batch> ahead;

    // What it did so far.
    Counts counts = Counts.ZERO;
    FieldCoverage coverage = new FieldCoverage();
    Set<String> protectedFields = new TreeSet<>();
    Map<String, FieldCoverage.Rate> baseline = Map.of();
    final List<String> warnings = new ArrayList<>();
    // Read timings: written by whichever thread reads the page (one at a time), read by the route's checkpoint.
    volatile long fetchNanos;
    long applyNanos;
    volatile long waitNanos;
    volatile int retries;
    int keptValues;
    int managersLinked;
    boolean pendingLinks;
    /** Whether the instance has pending dead letters a newer record may supersede (checked once, then tracked). */
    boolean pendingDeadLetters;

    // A dry run keeps in memory what a real one writes: who it has seen, which links wait, its change log position.
    final Set<String> seen = new HashSet<>();
    final Map<String, ManagerLinks.Link> dryLinks = new HashMap<>();
    int changeSeq;

    /** Set on the read-ahead thread while it reads: its phase is reported next to the route's, not instead of it. */
    private static final ThreadLocal<Boolean> READING_AHEAD = new ThreadLocal<>();

    private volatile String phase = "starting";
    private volatile String aheadPhase;
    private volatile RuntimeException stop;
    private final Object pauses = new Object();

    SyncJob(String runId, ConnectorInstance instance, long leaseToken, String node, Mode mode, boolean dryRun,
            SyncRunStore.Options options) {
        this.runId = runId;
        this.instance = instance;
        this.settings = instance.settings();
        this.leaseToken = leaseToken;
        this.node = node;
        this.mode = mode;
        this.dryRun = dryRun;
        this.options = options;
        this.redaction = instance.redaction();
    }

    String instanceId() {
        return instance.id();
    }

    String phase() {
        String reading = aheadPhase;
        return reading == null ? phase : phase + " (meanwhile " + reading + ")";
    }

    void phase(String phase) {
        if (READING_AHEAD.get() != null) {
            this.aheadPhase = phase;
        } else {
            this.phase = phase;
        }
    }

    /** Whether a page is being read ahead (or was read and not yet taken). */
    boolean readingAhead() {
        return ahead != null;
    }

    /**
     * Starts reading the next page on {@code executor}, with the route thread's context class loader; a stopping hub's
     * executor refuses, and the page is then read in turn (or not at all: the run stops at its next step).
     */
    void readAhead(ExecutorService executor, Callable<Batch> read) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            ahead = executor.submit(() -> {
                Thread thread = Thread.currentThread();
                ClassLoader before = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                READING_AHEAD.set(Boolean.TRUE);
                try {
                    return read.call();
                } finally {
                    READING_AHEAD.remove();
                    aheadPhase = null;
                    thread.setContextClassLoader(before);
                }
            });
        } catch (RejectedExecutionException e) {
            ahead = null;
        }
    }

    /** The page read ahead, once read; its failure (TRANSIENT retries exhausted, CONFIG, PERMANENT...) as thrown. */
    Batch takeAhead() throws Exception {
        Future<Batch> next = ahead;
        ahead = null;
        try {
            return next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        } catch (CancellationException e) {
            checkStop();
            throw e;
        }
    }

    /** Abandons the page being read ahead, if any (the run stopped): it is read again when the run resumes. */
    void cancelAhead() {
        Future<Batch> next = ahead;
        ahead = null;
        if (next != null) {
            next.cancel(true);
        }
    }

    /** Whether there are more pages to read. */
    boolean morePages() {
        return !exhausted;
    }

    void warn(String warning) {
        String text = redaction.scrub(warning);
        if (warnings.size() < MAX_WARNINGS && !warnings.contains(text)) {
            warnings.add(text);
        }
    }

    Timings timings() {
        return new Timings(fetchNanos / 1_000_000, applyNanos / 1_000_000, waitNanos / 1_000_000, retries);
    }

    SyncRunStore.CoverageState coverageState() {
        return new SyncRunStore.CoverageState(coverage.counts(), Set.copyOf(protectedFields), List.of());
    }

    /** Asks the job to stop at its next step (it wakes from any wait); the first reason wins. */
    void stop(RuntimeException why) {
        synchronized (pauses) {
            if (stop == null) {
                stop = why;
            }
            pauses.notifyAll();
        }
    }

    boolean stopping() {
        return stop != null;
    }

    /** Throws the reason the job was asked to stop, if it was. */
    void checkStop() {
        RuntimeException why = stop;
        if (why != null) {
            throw why;
        }
    }

    /** Waits (rate limit, backoff), counted as waiting time; a stop request ends the wait at once. */
    void pause(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        long started = System.nanoTime();
        synchronized (pauses) {
            while (stop == null) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                pauses.wait(Math.max(1, left / 1_000_000), 0);
            }
        }
        waitNanos += System.nanoTime() - started;
        checkStop();
    }
}
