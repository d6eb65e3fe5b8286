package io.mentorhub.engine.api;

import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EnrollmentStore;
import io.mentorhub.engine.store.GoalStore;
import io.mentorhub.engine.store.MilestoneStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.ReflectionStore;
import io.mentorhub.engine.store.SessionStore;

/** The database and one store per entity, shared by the API handlers. Stores are stateless. */
public record Stores(Database database, PersonStore people, ProgramStore programs, EnrollmentStore enrollments,
        PairingStore pairings, GoalStore goals, MilestoneStore milestones, SessionStore sessions,
        ReflectionStore reflections, ApiKeys keys) {

    public static Stores on(Database database) {
        return new Stores(database, new PersonStore(), new ProgramStore(), new EnrollmentStore(), new PairingStore(),
                new GoalStore(), new MilestoneStore(), new SessionStore(), new ReflectionStore(), new ApiKeys());
    }
}
