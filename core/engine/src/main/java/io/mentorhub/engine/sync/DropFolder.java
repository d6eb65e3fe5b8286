package io.mentorhub.engine.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * The files of a drop folder: a processed file moves to {@code archive/}, a refused one to {@code failed/}, each
 * under a time-stamped name that never replaces another file; its error report ({@code <name>.errors.csv}: where,
 * record id, reason — never a row's content) goes with it. Nothing is ever deleted.
 */
final class DropFolder {

    static final String ARCHIVE = "archive";
    static final String FAILED = "failed";
    static final String REPORT_SUFFIX = ".errors.csv";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private DropFolder() {
    }

    /** The report beside a file in the drop folder, written when the file has been validated. */
    static Path reportOf(Path file) {
        return file.resolveSibling(file.getFileName() + REPORT_SUFFIX);
    }

    /** Writes the error report; no report (and any earlier one removed) when there is nothing to report. */
    static void writeReport(Path report, List<PageApplier.Problem> problems) throws IOException {
        if (problems.isEmpty()) {
            Files.deleteIfExists(report);
            return;
        }
        StringBuilder csv = new StringBuilder("where,record_id,reason\n");
        for (PageApplier.Problem problem : problems) {
            csv.append(quote(problem.where())).append(',').append(quote(problem.recordId())).append(',')
                    .append(quote(problem.reason())).append('\n');
        }
        Path staged = report.resolveSibling("." + report.getFileName() + ".part");
        Files.writeString(staged, csv, StandardCharsets.UTF_8);
        Files.move(staged, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves the file (and its report, if any) into {@code folder/<sub>/} under a new name; returns the new path. */
    static Path move(Path file, String sub, Instant at) throws IOException {
        Path target = Files.createDirectories(file.resolveSibling(sub));
        Path report = reportOf(file);
        String base = STAMP.format(at) + "-" + file.getFileName();
        for (int attempt = 0;; attempt++) {
            String name = attempt == 0 ? base : base + "." + attempt;
            Path destination = target.resolve(name);
            if (Files.exists(destination) || Files.exists(target.resolve(name + REPORT_SUFFIX))) {
                continue;
            }
            try {
                Files.move(file, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            if (Files.exists(report)) {
                Files.move(report, target.resolve(name + REPORT_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
            }
            return destination;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65_536];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        return "\"" + value.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + "\"";
    }
}
