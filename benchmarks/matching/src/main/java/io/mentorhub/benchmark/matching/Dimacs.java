package io.mentorhub.benchmark.matching;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and writes a {@link CandidateGraph} as a DIMACS minimum-cost-flow problem, so an instance can be kept, shared
 * and handed to any other min-cost-flow solver. The file is the network in {@link CandidateGraph}'s convention:
 *
 * <pre>
 * c comment lines
 * p min NODES ARCS          NODES = mentees + mentors + 1
 * n ID SUPPLY               1 for each mentee (nodes 1..M), -M for the sink (the last node); mentors may be omitted (0)
 * a FROM TO LOW CAP COST    mentee→mentor 0 1 -score | mentee→sink 0 1 0 ("unmatched") | mentor→sink 0 capacity 0
 * </pre>
 *
 * <p>Node lines come before arc lines, as DIMACS asks. Arcs may come in any order; the graph read keeps the candidate
 * arcs in file order, so writing and reading back gives an equal graph. Anything else — another problem type, a
 * lower bound, an arc that is none of the three kinds, a mentee without its unmatched arc, a mentor without its
 * capacity arc — is refused with the line it is on.
 */
public final class Dimacs {

    private Dimacs() {
    }

    public static void write(CandidateGraph graph, String description, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(graph, description, out);
        }
    }

    public static void write(CandidateGraph graph, String description, Writer out) throws IOException {
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
        int sink = graph.nodes();
        w.write("c mentorhub matching instance: " + description.replace('\n', ' ') + "\n");
        w.write("c nodes 1.." + graph.mentees() + " mentees (supply 1), " + (graph.mentees() + 1) + ".." + (sink - 1)
                + " mentors (supply 0), " + sink + " sink (supply -" + graph.mentees() + ")\n");
        w.write("c arcs: mentee->mentor cap 1 cost -score; mentee->sink cap 1 cost 0 (unmatched);"
                + " mentor->sink cap capacity cost 0\n");
        w.write("c min cost = -(maximum total score)\n");
        w.write("p min " + graph.nodes() + " " + graph.arcs() + "\n");
        for (int j = 1; j <= graph.mentees(); j++) {
            w.write("n " + j + " 1\n");
        }
        w.write("n " + sink + " " + -graph.mentees() + "\n");
        IOException[] failure = {null};
        StringBuilder line = new StringBuilder(48);
        graph.forEachArc((tail, head, capacity, cost) -> {
            if (failure[0] != null) {
                return;
            }
            line.setLength(0);
            line.append("a ").append(tail).append(' ').append(head).append(" 0 ").append(capacity).append(' ')
                    .append(cost).append('\n');
            try {
                w.append(line);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        w.flush();
    }

    public static CandidateGraph read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Reads a whole problem; {@code source} names it in error messages. */
    public static CandidateGraph read(Reader in, String source) throws IOException {
        return new Parser(source).parse(in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16));
    }

    /** A file that is not a matching instance in this convention: says which line, and why. */
    public static final class FormatException extends IOException {
        private final int line;

        FormatException(String source, int line, String message) {
            super(source + ":" + line + ": " + message);
            this.line = line;
        }

        /** The offending line, from 1; for a problem found at the end, the number of lines read. */
        public int line() {
            return line;
        }
    }

    private static final class Parser {
        private final String source;
        private int lineNumber;
        private String[] tokens = new String[8];
        private int tokenCount;

        private int problemLine;
        private int nodes = -1;
        private long declaredArcs;
        private long[] supply;
        private int[] supplyLine;
        private boolean nodesClosed;
        private int mentees;
        private int mentors;

        private int arcsRead;
        private int[] unmatchedLine;
        private int[] capacityLine;
        private int[] capacity;
        private int pairs;
        private int[] pairMentee = new int[16];
        private int[] pairMentor = new int[16];
        private int[] pairScore = new int[16];

        Parser(String source) {
            this.source = source;
        }

        CandidateGraph parse(BufferedReader in) throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                tokenize(line);
                if (tokenCount == 0 || tokens[0].equals("c")) {
                    continue;
                }
                switch (tokens[0]) {
                    case "p" -> problem();
                    case "n" -> node();
                    case "a" -> arc();
                    default -> throw fail(lineNumber, "unknown line type '" + tokens[0] + "' (expected c, p, n or a)");
                }
            }
            if (nodes < 0) {
                throw fail(lineNumber, "no problem line ('p min NODES ARCS')");
            }
            closeNodes();
            if (arcsRead != declaredArcs) {
                throw fail(lineNumber, "the file ends after " + arcsRead + " arcs, but its problem line (line "
                        + problemLine + ") declares " + declaredArcs);
            }
            for (int j = 0; j < mentees; j++) {
                if (unmatchedLine[j] == 0) {
                    throw fail(lineNumber, "mentee node " + (j + 1) + " has no arc to the sink (its 'unmatched' arc "
                            + "'a " + (j + 1) + " " + nodes + " 0 1 0')");
                }
            }
            for (int i = 0; i < mentors; i++) {
                if (capacityLine[i] == 0) {
                    throw fail(lineNumber,
                            "mentor node " + (mentees + 1 + i) + " has no arc to the sink (its capacity)");
                }
            }
            return new CandidateGraph(mentees, capacity, Arrays.copyOf(pairMentee, pairs),
                    Arrays.copyOf(pairMentor, pairs), Arrays.copyOf(pairScore, pairs));
        }

        private void problem() throws FormatException {
            if (nodes >= 0) {
                throw fail(lineNumber, "a second problem line (the first is line " + problemLine + ")");
            }
            expectTokens("p min NODES ARCS", 4);
            if (!tokens[1].equals("min")) {
                throw fail(lineNumber, "problem type '" + tokens[1] + "', expected 'min' (minimum-cost flow)");
            }
            long n = number(2);
            if (n < 1 || n > 2L * CandidateGraph.MAX_PEOPLE + 1) {
                throw fail(lineNumber, "node count " + n + " out of range 1.." + (2L * CandidateGraph.MAX_PEOPLE + 1));
            }
            declaredArcs = number(3);
            if (declaredArcs < 0 || declaredArcs > Integer.MAX_VALUE - 8) {
                throw fail(lineNumber, "arc count " + declaredArcs + " out of range");
            }
            nodes = (int) n;
            problemLine = lineNumber;
            supply = new long[nodes + 1];
            supplyLine = new int[nodes + 1];
        }

        private void node() throws FormatException {
            requireProblem();
            if (nodesClosed) {
                throw fail(lineNumber, "node line after the first arc line (DIMACS lists nodes first)");
            }
            expectTokens("n ID SUPPLY", 3);
            int id = nodeId(1);
            if (supplyLine[id] != 0) {
                throw fail(lineNumber, "node " + id + " already has a supply (line " + supplyLine[id] + ")");
            }
            supply[id] = number(2);
            supplyLine[id] = lineNumber;
        }

        /** Mentees are the nodes of supply 1, and must be 1..M; the last node is the sink, with supply -M. */
        private void closeNodes() throws FormatException {
            if (nodesClosed) {
                return;
            }
            nodesClosed = true;
            for (int id = 1; id < nodes; id++) {
                if (supply[id] == 1) {
                    mentees++;
                } else if (supply[id] != 0) {
                    throw fail(supplyLine[id], "node " + id + " has supply " + supply[id]
                            + "; expected 1 (a mentee), 0 (a mentor) or, for the last node, minus the mentees");
                }
            }
            for (int id = 1; id <= mentees; id++) {
                if (supply[id] != 1) {
                    int late = firstMenteeAfter(mentees);
                    throw fail(supplyLine[late], "node " + late + " is a mentee (supply 1) but node " + id
                            + " is not: mentees must be nodes 1.." + mentees + ", before the mentors");
                }
            }
            if (supply[nodes] != -mentees) {
                int line = supplyLine[nodes] != 0 ? supplyLine[nodes] : problemLine;
                throw fail(line, "the sink (node " + nodes + ", the last) has supply " + supply[nodes] + "; expected -"
                        + mentees + ", one unit per mentee");
            }
            mentors = nodes - mentees - 1;
            if (mentors > CandidateGraph.MAX_PEOPLE || mentees > CandidateGraph.MAX_PEOPLE) {
                throw fail(problemLine, "more than " + CandidateGraph.MAX_PEOPLE + " mentees or mentors");
            }
            unmatchedLine = new int[mentees];
            capacityLine = new int[mentors];
            capacity = new int[mentors];
            int expectedPairs = (int) Math.max(0, Math.min(declaredArcs - mentees - mentors, 1 << 26));
            pairMentee = new int[Math.max(16, expectedPairs)];
            pairMentor = new int[pairMentee.length];
            pairScore = new int[pairMentee.length];
        }

        private int firstMenteeAfter(int id) {
            for (int k = id + 1; k < nodes; k++) {
                if (supply[k] == 1) {
                    return k;
                }
            }
            throw new IllegalStateException("no mentee after node " + id);
        }

        private void arc() throws FormatException {
            requireProblem();
            closeNodes();
            expectTokens("a FROM TO LOW CAP COST", 6);
            if (arcsRead == declaredArcs) {
                throw fail(lineNumber, "more arcs than the " + declaredArcs + " the problem line (line " + problemLine
                        + ") declares");
            }
            arcsRead++;
            int from = nodeId(1);
            int to = nodeId(2);
            long low = number(3);
            long cap = number(4);
            long cost = number(5);
            if (low != 0) {
                throw fail(lineNumber, "lower bound " + low + "; only 0 is supported");
            }
            String arc = "arc " + from + "→" + to;
            boolean fromMentee = from <= mentees;
            boolean fromMentor = from > mentees && from < nodes;
            if (fromMentee && to > mentees && to < nodes) {
                if (cap != 1) {
                    throw fail(lineNumber, arc + " (mentee→mentor) has capacity " + cap + "; expected 1");
                }
                if (cost > 0 || cost < -(long) Integer.MAX_VALUE) {
                    throw fail(lineNumber, arc + " (mentee→mentor) has cost " + cost
                            + "; expected -score, for a score 0.." + Integer.MAX_VALUE);
                }
                addPair(from - 1, to - mentees - 1, (int) -cost);
            } else if (fromMentee && to == nodes) {
                if (cap != 1 || cost != 0) {
                    throw fail(lineNumber, arc + " (mentee→sink, 'unmatched') must have capacity 1 and cost 0");
                }
                if (unmatchedLine[from - 1] != 0) {
                    throw fail(lineNumber, "mentee node " + from + " already has its arc to the sink (line "
                            + unmatchedLine[from - 1] + ")");
                }
                unmatchedLine[from - 1] = lineNumber;
            } else if (fromMentor && to == nodes) {
                if (cost != 0 || cap < 0 || cap > Integer.MAX_VALUE) {
                    throw fail(lineNumber, arc + " (mentor→sink) must have cost 0 and a capacity 0.."
                            + Integer.MAX_VALUE);
                }
                int mentor = from - mentees - 1;
                if (capacityLine[mentor] != 0) {
                    throw fail(lineNumber, "mentor node " + from + " already has its arc to the sink (line "
                            + capacityLine[mentor] + ")");
                }
                capacityLine[mentor] = lineNumber;
                capacity[mentor] = (int) cap;
            } else {
                throw fail(lineNumber, arc + " is not mentee→mentor, mentee→sink or mentor→sink (mentees are"
                        + " nodes 1.." + mentees + ", mentors " + (mentees + 1) + ".." + (nodes - 1) + ", the sink "
                        + nodes + ")");
            }
        }

        private void addPair(int mentee, int mentor, int score) {
            if (pairs == pairMentee.length) {
                int grown = pairs + (pairs >> 1) + 16;
                pairMentee = Arrays.copyOf(pairMentee, grown);
                pairMentor = Arrays.copyOf(pairMentor, grown);
                pairScore = Arrays.copyOf(pairScore, grown);
            }
            pairMentee[pairs] = mentee;
            pairMentor[pairs] = mentor;
            pairScore[pairs++] = score;
        }

        private void requireProblem() throws FormatException {
            if (nodes < 0) {
                throw fail(lineNumber, "'" + tokens[0] + "' line before the problem line ('p min NODES ARCS')");
            }
        }

        private void expectTokens(String form, int count) throws FormatException {
            if (tokenCount != count) {
                throw fail(lineNumber, "expected '" + form + "' (" + count + " fields), found " + tokenCount);
            }
        }

        private int nodeId(int token) throws FormatException {
            long id = number(token);
            if (id < 1 || id > nodes) {
                throw fail(lineNumber, "node " + id + " out of range 1.." + nodes);
            }
            return (int) id;
        }

        private long number(int token) throws FormatException {
            try {
                return Long.parseLong(tokens[token]);
            } catch (NumberFormatException e) {
                throw fail(lineNumber, "'" + tokens[token] + "' is not an integer");
            }
        }

        /** Splits on spaces and tabs; faster than a regular expression over millions of lines. */
        private void tokenize(String line) {
            tokenCount = 0;
            int length = line.length();
            int at = 0;
            while (at < length) {
                while (at < length && isBlank(line.charAt(at))) {
                    at++;
                }
                int start = at;
                while (at < length && !isBlank(line.charAt(at))) {
                    at++;
                }
                if (at > start) {
                    if (tokenCount == tokens.length) {
                        tokens = Arrays.copyOf(tokens, tokenCount * 2);
                    }
                    tokens[tokenCount++] = line.substring(start, at);
                }
            }
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r';
        }

        private FormatException fail(int line, String message) {
            return new FormatException(source, line, message);
        }
    }
}
