package io.mentorhub.engine.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Person;
import io.mentorhub.engine.demo.FictionalCompany;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PairingStore;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's main job without the packaged hub: the fictional company matched by the optimal strategy with every
 * built-in scorer and constraint, as {@code bin/mentorhub demo} does.
 */
class FictionalCompanyMatchingTest {

    private Database database;
    private DefaultCamelContext camel;
    private MatchingRuns runs;

    @BeforeEach
    void start() throws Exception {
        database = new Database("jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        camel = new DefaultCamelContext();
        camel.start();
        runs = new MatchingRuns(database, camel, MatchingRuns.Settings.DEFAULT);
        Builtins.bindAll(runs, DualCertificateTest.optimalStrategy());
    }

    @AfterEach
    void stop() throws Exception {
        runs.stop();
        camel.close();
        database.close();
    }

    @Test
    void theFictionalCompanyIsMatchedOptimallyWithinEveryRule() throws Exception {
        FictionalCompany company = new FictionalCompany(2027, LocalDate.of(2026, 11, 23));
        assertEquals(500, company.people().size());
        assertEquals(company.people().size(), new FictionalCompany(2027, LocalDate.of(2026, 11, 23)).people().size());
        assertEquals(company.people(), new FictionalCompany(2027, LocalDate.of(2026, 11, 23)).people(),
                "the same seed gives the same company");
        String programId = database.inTransaction(company::store);
        assertTrue(runs.installed("optimal", company.program().matching().constraints()));

        MatchingRun run = runs.start(programId, 2027L, MatchingRun.Options.DEFAULT, "test");
        while (!run.status().finished()) {
            Thread.sleep(20);
            run = runs.find(run.id()).orElseThrow();
        }
        assertEquals(MatchingRun.Status.SUCCEEDED, run.status(), String.valueOf(run.error()));
        assertEquals(true, run.counts().get("certified_optimal"));
        assertTrue(((Number) run.counts().get("proposed_pairings")).intValue() > 100, run.counts().toString());

        Map<String, Person> people = new HashMap<>();
        company.people().forEach(p -> people.put(p.id(), p));
        PairingStore pairings = new PairingStore();
        MatchingRun finished = run;
        List<Pairing> proposed = database.inTransaction(tx -> {
            List<Pairing> all = new java.util.ArrayList<>();
            for (String id : runs.proposals(tx, finished.id())) {
                all.add(pairings.get(tx, id).value());
            }
            return all;
        });
        Set<String> mentees = new HashSet<>();
        for (Pairing pairing : proposed) {
            String mentee = pairing.menteeIds().get(0);
            assertTrue(mentees.add(mentee));
            assertFalse(chain(mentee, people).contains(pairing.mentorId()), "mentor is not in the mentee's chain");
            assertFalse(chain(pairing.mentorId(), people).contains(mentee), "mentee is not in the mentor's chain");
            assertEquals(6, pairing.explanation().size(), "one factor per built-in scorer");
            assertEquals(pairing.score(), pairing.explanation().stream().mapToInt(Pairing.FactorScore::score).sum());
            pairing.explanation().forEach(f -> assertFalse(f.reason().isBlank()));
        }
        String summary = database.inTransaction(tx -> MatchingSummary.render(tx, finished));
        assertTrue(summary.contains("certified optimal"), summary);
        assertTrue(summary.contains("example — "), summary);
        assertFalse(summary.contains("first-generation") || summary.contains("career break"),
                "no sensitive value in the summary");
    }

    private static Set<String> chain(String person, Map<String, Person> people) {
        Set<String> chain = new HashSet<>();
        String manager = people.get(person).managerId();
        while (manager != null) {
            chain.add(manager);
            manager = people.get(manager).managerId();
        }
        return chain;
    }
}
