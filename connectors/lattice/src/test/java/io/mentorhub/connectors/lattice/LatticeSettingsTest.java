package io.mentorhub.connectors.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.GoalPublisher.ReviewGoal;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.api.domain.Goal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatticeSettingsTest {

    private final LatticeConnector connector = new LatticeConnector();

    @Test
    void defaultsAndTheMappingOfEverySetting() throws ConnectorException {
        ConnectorConfig defaults = ConnectorConfig.of("perf", connector.settings(),
                Map.of(LatticeConnector.API_KEY, "k"), false);
        assertEquals(URI.create("https://api.latticehq.com/v1"), defaults.url(LatticeConnector.BASE_URL).orElseThrow());
        assertEquals(Secret.of("k"), defaults.secret(LatticeConnector.API_KEY).orElseThrow());
        assertTrue(defaults.flag(LatticeConnector.PRIVATE));
        assertTrue(defaults.text(LatticeConnector.TAG).isEmpty());
        assertEquals(100L, defaults.number(LatticeConnector.PAGE_SIZE).orElseThrow());
        assertEquals(30L, defaults.number(LatticeConnector.TIMEOUT).orElseThrow());

        ConnectorConfig all = ConnectorConfig.of("perf", connector.settings(), Map.of(LatticeConnector.API_KEY, "k",
                LatticeConnector.BASE_URL, "https://lattice-proxy.example.com/v1", LatticeConnector.PRIVATE, "false",
                LatticeConnector.TAG, "mentoring", LatticeConnector.PAGE_SIZE, "50", LatticeConnector.TIMEOUT, "10"), false);
        assertEquals(URI.create("https://lattice-proxy.example.com/v1"), all.url(LatticeConnector.BASE_URL).orElseThrow());
        assertFalse(all.flag(LatticeConnector.PRIVATE));
        assertEquals("mentoring", all.text(LatticeConnector.TAG).orElseThrow());
        assertEquals(50L, all.number(LatticeConnector.PAGE_SIZE).orElseThrow());
        assertEquals(10L, all.number(LatticeConnector.TIMEOUT).orElseThrow());
        assertEquals(1, connector.settings().stream().filter(Setting::secret).count());
    }

    @Test
    void theLinkSurvivesAnyExternalIdAndTheFootersLinkWins() {
        for (String id : new String[] {"goal-7f3a", "g 1/ü]x", "a+b%20c"}) {
            assertEquals(id, LatticeConnector.linkOf("Some text " + LatticeConnector.link(id)));
        }
        assertEquals("mine", LatticeConnector.linkOf("quoted [mentorhub:other] in the text\n---\n"
                + LatticeConnector.link("mine")));
        assertNull(LatticeConnector.linkOf("no link here"));
    }

    @Test
    void theDescriptionCarriesTheHubTextTheStatusAndTheLink() {
        ReviewGoal goal = new ReviewGoal("k", "goal-1", "a@example.com", "T", "  Plan the migration  ",
                Goal.Status.ABANDONED, 30, LocalDate.of(2027, 1, 1));
        assertEquals("Plan the migration\n\n---\nMentoring goal kept in step by mentorhub. Status: abandoned."
                + " [mentorhub:goal-1]", LatticeConnector.description(goal));
        ReviewGoal bare = new ReviewGoal("k", "goal-1", "a@example.com", "T", null, Goal.Status.NOT_STARTED, 0,
                LocalDate.of(2027, 1, 1));
        assertEquals("---\nMentoring goal kept in step by mentorhub. Status: not started. [mentorhub:goal-1]",
                LatticeConnector.description(bare));
    }
}
