package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Forbids a pair when either person is in the other's management chain, up to {@code depth} managers up: a
 * manager cannot be a confidential mentor, nor be reverse-mentored by their own report. Both directions are checked
 * in every format.
 */
@Component(configurationPid = ManagerChainConstraint.PID)
@Designate(ocd = ManagerChainConstraint.Config.class)
public class ManagerChainConstraint implements MatchingConstraint {

    static final String PID = "io.mentorhub.constraint.not-in-manager-chain";

    @ObjectClassDefinition(name = "Constraint: not in the manager chain",
            description = "Forbids pairing a person with anyone in their management chain, either way round.")
    @interface Config {
        @AttributeDefinition(name = "Depth",
                description = "How many managers up the chain are checked (1: only the direct manager).", min = "1")
        int depth() default 10;
    }

    private volatile int depth;

    @Activate
    public ManagerChainConstraint(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        if (config.depth() < 1) {
            throw new IllegalArgumentException("depth must be >= 1, was " + config.depth());
        }
        this.depth = config.depth();
    }

    @Override
    public String id() {
        return "not-in-manager-chain";
    }

    @Override
    public String displayName() {
        return "Not in each other's management chain";
    }

    @Override
    public Rule prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        int levels = depth;
        // Only managers who are in this run can be the other half of a pair, so only they are kept, by index.
        int[][] chains = new int[roster.size()][];
        for (Participant p : roster.people()) {
            List<String> chain = p.managerChain();
            int[] indexes = new int[Math.min(levels, chain.size())];
            int count = 0;
            for (int up = 0; up < indexes.length; up++) {
                int index = roster.indexOfId(chain.get(up));
                if (index >= 0) {
                    indexes[count++] = index;
                }
            }
            chains[p.index()] = Arrays.copyOf(indexes, count);
        }
        return new Prepared(roster, chains, levels);
    }

    private static final class Prepared implements Rule {

        private final Roster roster;
        private final int[][] chains;
        private final int levels;

        Prepared(Roster roster, int[][] chains, int levels) {
            this.roster = roster;
            this.chains = chains;
            this.levels = levels;
        }

        @Override
        public boolean allows(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            for (int manager : chains[e]) {
                if (manager == m) {
                    return false;
                }
            }
            for (int manager : chains[m]) {
                if (manager == e) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            int up = levelsUp(mentee, mentor);
            if (up > 0) {
                return up == 1 ? "the mentor is the mentee's manager"
                        : "the mentor is in the mentee's management chain (" + up + " levels up)";
            }
            up = levelsUp(mentor, mentee);
            if (up > 0) {
                return up == 1 ? "the mentee is the mentor's manager"
                        : "the mentee is in the mentor's management chain (" + up + " levels up)";
            }
            return "neither is in the other's management chain";
        }

        /** How far up {@code report}'s chain {@code manager} is (1 = direct manager), or 0 if not within depth. */
        private int levelsUp(Participant report, Participant manager) {
            roster.indexOf(report);
            roster.indexOf(manager);
            List<String> chain = report.managerChain();
            for (int up = 0; up < Math.min(levels, chain.size()); up++) {
                if (chain.get(up).equals(manager.personId())) {
                    return up + 1;
                }
            }
            return 0;
        }
    }
}
