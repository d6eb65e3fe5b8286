package io.mentorhub.benchmark.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DimacsTest {

    /** Two mentees, two mentors (node 3 with capacity 2, node 4 with none), sink 5; mentee 2 has no candidate. */
    private static final CandidateGraph SMALL = new CandidateGraph(2, new int[] {2, 0},
            new int[] {0, 0}, new int[] {1, 0}, new int[] {0, 97});

    private static final String SMALL_TEXT = """
            c a hand-written instance
            p min 5 6
            n 1 1
            n 2 1
            n 5 -2
            a 1 4 0 1 0
            a 1 3 0 1 -97
            a 1 5 0 1 0
            a 2 5 0 1 0
            a 3 5 0 2 0
            a 4 5 0 0 0
            """;

    @Test
    void writingAndReadingBackGivesTheSameGraph() throws IOException {
        for (SyntheticInstances.Spec spec : SyntheticInstancesTest.SMALL_SPECS) {
            CandidateGraph graph = SyntheticInstances.generate(spec, 5);
            String text = write(graph);
            CandidateGraph back = Dimacs.read(new StringReader(text), spec.name());
            assertEquals(graph, back, spec.name());
            assertEquals(text, write(back), spec.name() + ": written twice, byte for byte");
        }
        assertEquals(SMALL, Dimacs.read(new StringReader(write(SMALL)), "small"));
    }

    @Test
    void roundTripThroughAFile(@TempDir Path dir) throws IOException {
        CandidateGraph graph = SyntheticInstances.generate(SyntheticInstancesTest.SMALL_SPECS.get(1), 9);
        Path file = dir.resolve("b.min");
        Dimacs.write(graph, "test", file);
        assertEquals(graph, Dimacs.read(file));
        assertTrue(Files.readString(file).contains("\np min " + graph.nodes() + " " + graph.arcs() + "\n"));
    }

    @Test
    void readsArcsInAnyOrderWithMentorsLeftImplicit() throws IOException {
        assertEquals(SMALL, Dimacs.read(new StringReader(SMALL_TEXT), "hand"));
    }

    @Test
    void writesTheDocumentedConvention() throws IOException {
        String text = write(SMALL);
        assertTrue(text.contains("\np min 5 6\nn 1 1\nn 2 1\nn 5 -2\n"), text);
        assertTrue(text.endsWith("a 1 4 0 1 0\na 1 3 0 1 -97\na 1 5 0 1 0\na 2 5 0 1 0\na 3 5 0 2 0\na 4 5 0 0 0\n"),
                text);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("c only a comment\n", 1, "no problem line"),
                Arguments.of("p max 5 6\n", 1, "problem type 'max'"),
                Arguments.of("p min 5\n", 1, "expected 'p min NODES ARCS' (4 fields), found 3"),
                Arguments.of("n 1 1\np min 5 6\n", 1, "'n' line before the problem line"),
                Arguments.of("p min 5 6\np min 5 6\n", 2, "a second problem line (the first is line 1)"),
                Arguments.of("p min 5 6\nx 1 2\n", 2, "unknown line type 'x'"),
                Arguments.of("p min 5 6\nn 1 one\n", 2, "'one' is not an integer"),
                Arguments.of("p min 5 6\nn 9 1\n", 2, "node 9 out of range 1..5"),
                Arguments.of("p min 5 6\nn 1 1\nn 1 1\n", 3, "node 1 already has a supply (line 2)"),
                Arguments.of("p min 5 6\nn 1 2\n", 2, "node 1 has supply 2"),
                Arguments.of("p min 5 6\nn 1 1\nn 3 1\nn 5 -2\na 1 5 0 1 0\n", 3,
                        "node 3 is a mentee (supply 1) but node 2 is not"),
                Arguments.of("p min 5 6\nn 1 1\nn 2 1\nn 5 -1\na 1 5 0 1 0\n", 4,
                        "the sink (node 5, the last) has supply -1"),
                Arguments.of(head() + "a 1 3 0 1 -9\nn 3 0\n", 6, "node line after the first arc line"),
                Arguments.of(head() + "a 1 3 0 1\n", 5, "expected 'a FROM TO LOW CAP COST' (6 fields), found 5"),
                Arguments.of(head() + "a 1 3 1 1 -9\n", 5, "lower bound 1; only 0 is supported"),
                Arguments.of(head() + "a 1 3 0 2 -9\n", 5, "arc 1→3 (mentee→mentor) has capacity 2; expected 1"),
                Arguments.of(head() + "a 1 3 0 1 9\n", 5, "arc 1→3 (mentee→mentor) has cost 9; expected -score"),
                Arguments.of(head() + "a 3 1 0 1 0\n", 5,
                        "arc 3→1 is not mentee→mentor, mentee→sink or mentor→sink"),
                Arguments.of(head() + "a 1 2 0 1 0\n", 5, "arc 1→2 is not mentee→mentor"),
                Arguments.of(head() + "a 1 5 0 1 -1\n", 5,
                        "(mentee→sink, 'unmatched') must have capacity 1 and cost 0"),
                Arguments.of(head() + "a 1 5 0 1 0\na 1 5 0 1 0\n", 6,
                        "mentee node 1 already has its arc to the sink (line 5)"),
                Arguments.of(head() + "a 3 5 0 -1 0\n", 5, "(mentor→sink) must have cost 0 and a capacity 0.."),
                Arguments.of(head() + "a 3 5 0 1 0\na 3 5 0 1 0\n", 6,
                        "mentor node 3 already has its arc to the sink (line 5)"),
                Arguments.of("p min 5 1\nn 1 1\nn 2 1\nn 5 -2\na 1 5 0 1 0\na 2 5 0 1 0\n", 6,
                        "more arcs than the 1 the problem line (line 1) declares"),
                Arguments.of(head() + "a 1 5 0 1 0\n", 5,
                        "the file ends after 1 arcs, but its problem line (line 1) declares 6"),
                Arguments.of("p min 5 4\nn 1 1\nn 2 1\nn 5 -2\na 1 5 0 1 0\na 3 5 0 1 0\na 4 5 0 1 0\na 1 3 0 1 0\n", 8,
                        "mentee node 2 has no arc to the sink (its 'unmatched' arc 'a 2 5 0 1 0')"),
                Arguments.of("p min 5 3\nn 1 1\nn 2 1\nn 5 -2\na 1 5 0 1 0\na 2 5 0 1 0\na 4 5 0 1 0\n", 7,
                        "mentor node 3 has no arc to the sink (its capacity)"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesAMalformedFileNamingTheLine(String text, int line, String why) {
        Dimacs.FormatException e = assertThrows(Dimacs.FormatException.class,
                () -> Dimacs.read(new StringReader(text), "bad.min"));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.min:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    /** Two mentees (1, 2), two mentors (3, 4), the sink 5, six arcs declared; the problem line is line 1. */
    private static String head() {
        return "p min 5 6\nn 1 1\nn 2 1\nn 5 -2\n";
    }

    private static String write(CandidateGraph graph) throws IOException {
        StringWriter out = new StringWriter();
        Dimacs.write(graph, "test", out);
        return out.toString();
    }
}
