package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.domain.PersonStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HRIS drop folder: a complete file is validated whole, its refused rows reported next to it and sent to the
 * dead-letter table, the rest applied, and the file archived; a file that cannot be read is refused whole and moved
 * to failed/; no file is ever deleted or overwritten.
 */
class DropFolderTest {

    @TempDir
    Path folder;

    private final SyncHub hub;

    DropFolderTest() throws Exception {
        hub = new SyncHub();
        hub.install(new LinesFileConnector());
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private void configure() {
        hub.deliver("hris-drop", Map.of("type", LinesFileConnector.ID, "folder", folder.toString(),
                "schedule_full", "off", "page_size", "2"));
    }

    /** Written aside and moved in, as an HRIS export job should. */
    private void drop(String name, String... lines) throws IOException {
        Path staged = folder.resolveSibling(folder.getFileName() + "-" + name + ".staged");
        Files.writeString(staged, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private List<Path> files(String sub) throws IOException {
        Path dir = folder.resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** The archive once it holds this many files (a run ends, then its file moves). */
    private List<Path> archived(int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (files(DropFolder.ARCHIVE).size() < count) {
            assertTrue(Instant.now().isBefore(deadline), "archive: " + files(DropFolder.ARCHIVE));
            Thread.sleep(20);
        }
        return files(DropFolder.ARCHIVE);
    }

    private List<JsonNode> runs(int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = hub.api.admin("GET", "/api/connectors/hris-drop/runs", null).body().path("items");
            long finished = 0;
            for (JsonNode run : items) {
                finished += List.of("SUCCEEDED", "FAILED").contains(run.path("status").asText()) ? 1 : 0;
            }
            if (finished >= count) {
                List<JsonNode> runs = new java.util.ArrayList<>();
                items.forEach(runs::add);
                return runs;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + count + " finished file runs within 60 s");
    }

    @Test
    void aCompleteFileIsValidatedAppliedReportedAndArchived() throws Exception {
        configure();
        drop("people.csv", LinesFileConnector.HEADER, "F1;Ada;Lovelace;A;F3", "F2;Grace;Hopper;X;", "broken;row",
                "F3;Alan;Turing;A;", "F4;Edsger;Dijkstra;T;F3");
        JsonNode run = runs(1).get(0);

        assertEquals("SUCCEEDED", run.path("status").asText(), run.toString());
        assertEquals("FILE", run.path("mode").asText());
        assertEquals("people.csv", run.path("file").asText());
        assertEquals(3, run.path("counts").path("created").asInt());
        assertEquals(2, run.path("counts").path("failed").asInt());
        assertTrue(run.path("warnings").toString().contains("the file has 5 rows; 2 cannot be applied"), run.toString());
        var people = hub.people();
        assertEquals(List.of("F1", "F3", "F4"), List.copyOf(people.keySet()));
        assertEquals("F3", people.get("F1").managerId(), "manager from a later page, linked at the end");
        assertEquals(PersonStatus.T, people.get("F4").status());

        List<Path> archived = archived(2);
        assertFalse(Files.exists(folder.resolve("people.csv")));
        assertEquals(2, archived.size(), archived.toString());
        Path report = archived.stream().filter(p -> p.toString().endsWith(".errors.csv")).findFirst().orElseThrow();
        String text = Files.readString(report);
        assertTrue(text.startsWith("where,record_id,reason\n"), text);
        assertTrue(text.contains("\"row 4\",\"broken\",\"has 2 columns, expected 5\""), text);
        assertTrue(text.contains("\"person F2\",\"F2\",\"status must be A, L or T\""), text);
        assertFalse(text.contains("Grace"), "the report names rows and reasons, never their content");

        JsonNode letters = hub.api.admin("GET", "/api/connectors/hris-drop/dead-letters", null).body().path("items");
        assertEquals(2, letters.size());
        for (JsonNode letter : letters) {
            assertEquals(letter.path("kind").asText().equals("RECORD"), letter.path("replayable").asBoolean(),
                    letter.toString());
        }
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWholeAndNothingIsEverOverwritten() throws Exception {
        configure();
        drop("people.csv", "name,surname", "Ada,Lovelace");
        JsonNode refused = runs(1).get(0);
        assertEquals("FAILED", refused.path("status").asText(), refused.toString());
        assertTrue(refused.path("error").asText().contains("the first line is not the header"), refused.toString());
        assertEquals(0, hub.people().size());
        List<Path> failed = files(DropFolder.FAILED);
        assertEquals(2, failed.size(), "the file and its report: " + failed);
        assertTrue(Files.readString(failed.get(0).toString().endsWith(".errors.csv") ? failed.get(0) : failed.get(1))
                .contains("cannot be read"));

        // The same name twice: both files are kept.
        drop("people.csv", LinesFileConnector.HEADER, "F1;Ada;Lovelace;A;");
        runs(2);
        drop("people.csv", LinesFileConnector.HEADER, "F1;Ada;King;A;");
        runs(3);
        List<Path> archived = archived(2);
        assertEquals(2, archived.size(), archived.toString());
        assertTrue(Files.readString(archived.get(0)).contains("F1"));
        assertTrue(Files.readString(archived.get(1)).contains("F1"));
        assertEquals("King", hub.people().get("F1").familyName());
    }

    @Test
    void aFileStillBeingWrittenIsNotReadUntilItIsComplete() throws Exception {
        configure();
        Path file = folder.resolve("slow.csv");
        Files.writeString(file, LinesFileConnector.HEADER + "\nS1;Ada;Lovelace;A;\n", StandardCharsets.UTF_8);
        for (int i = 2; i <= 4; i++) {
            Thread.sleep(400);
            Files.writeString(file, "S" + i + ";Grace;Hopper;A;\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        JsonNode run = runs(1).get(0);
        assertEquals(4, run.path("counts").path("created").asInt(), "every line, read once the file was complete: "
                + run);
    }

    @Test
    void theDropFolderFollowsTheConfiguration() throws Exception {
        configure();
        JsonNode view = hub.api.admin("GET", "/api/connectors/hris-drop", null).body();
        assertEquals("ACTIVE", view.path("state").asText(), view.toString());
        assertEquals(409, hub.api.admin("POST", "/api/connectors/hris-drop/sync", Map.of()).status(),
                "a file connector syncs when a file arrives");
        hub.deliver("hris-drop", Map.of("type", LinesFileConnector.ID, "schedule_full", "off"));
        assertTrue(hub.api.admin("GET", "/api/connectors/hris-drop", null).body().path("reason").asText()
                .contains("folder is required"));
    }
}
