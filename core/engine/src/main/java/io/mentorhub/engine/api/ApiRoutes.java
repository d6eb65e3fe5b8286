package io.mentorhub.engine.api;

import static io.mentorhub.engine.api.Role.HR_ADMIN;
import static io.mentorhub.engine.api.Role.INTEGRATION;
import static io.mentorhub.engine.api.Role.MENTEE;
import static io.mentorhub.engine.api.Role.MENTOR;
import static io.mentorhub.engine.api.Role.PROGRAM_MANAGER;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Milestone;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.Reflection;
import io.mentorhub.engine.matching.MatchingRun;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.metrics.MetricsReport;
import io.mentorhub.engine.metrics.ProgramMetrics;
import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.survey.FitConcerns;
import io.mentorhub.engine.survey.SurveyResults;
import io.mentorhub.engine.survey.Surveys;
import io.mentorhub.engine.push.PushControl;
import io.mentorhub.engine.push.PushTasks;
import io.mentorhub.engine.sync.ConnectorSync;
import io.mentorhub.engine.sync.ConnectorType;
import io.mentorhub.engine.sync.ConnectorView;
import io.mentorhub.engine.sync.DeadLetter;
import io.mentorhub.engine.sync.SyncChange;
import io.mentorhub.engine.sync.SyncRun;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every route of the REST API in one table: method, path, the roles that may call it, the handler, and what the
 * OpenAPI document says about it. Object-level rules (own programs, own pairings, reflection visibility) are in the
 * handlers; this table is the first gate.
 */
public final class ApiRoutes {

    private static final Set<Role> ANYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> PEOPLE = EnumSet.of(HR_ADMIN, PROGRAM_MANAGER, MENTOR, MENTEE);
    private static final Set<Role> STAFF = EnumSet.of(HR_ADMIN, PROGRAM_MANAGER);
    private static final List<String> PAGING = List.of("limit", "cursor", "modified_after");

    private ApiRoutes() {
    }

    public static List<Route> all(Stores stores, Supplier<List<PluginInfo>> plugins, Supplier<MatchingRuns> matchingRuns,
            Supplier<byte[]> openApi) {
        return all(stores, plugins, matchingRuns, () -> null, () -> null, () -> null, () -> null, openApi);
    }

    public static List<Route> all(Stores stores, Supplier<List<PluginInfo>> plugins, Supplier<MatchingRuns> matchingRuns,
            Supplier<Surveys> surveyEngine, Supplier<ProgramMetrics> programMetrics,
            Supplier<ConnectorSync> connectorSync, Supplier<PushControl> pushControl, Supplier<byte[]> openApi) {
        Access access = new Access(stores);
        PeopleApi people = new PeopleApi(stores);
        ProgramsApi programs = new ProgramsApi(stores, access);
        PairingsApi pairings = new PairingsApi(stores, access, matchingRuns);
        MatchingApi matching = new MatchingApi(stores, access, matchingRuns);
        ProgressApi progress = new ProgressApi(stores, access);
        ReflectionsApi reflections = new ReflectionsApi(stores, access);
        AdminApi admin = new AdminApi(stores, plugins);
        ReportsApi reports = new ReportsApi(stores);
        SurveysApi surveys = new SurveysApi(stores, access, surveyEngine);
        NotificationsApi notifications = new NotificationsApi(stores);
        MetricsApi metrics = new MetricsApi(stores, access, programMetrics);
        ConnectorsApi connectors = new ConnectorsApi(connectorSync);
        PushApi pushes = new PushApi(pushControl);
        ReviewSharingApi sharing = new ReviewSharingApi(stores);

        List<Route> routes = new ArrayList<>();
        // The API describes itself.
        routes.add(get("/api/openapi.json", ANYONE, call -> ApiResult.ok(openApi.get()),
                doc("The OpenAPI 3.1 document of this API", "hub", null, Object.class)));
        routes.add(get("/api/plugins", EnumSet.of(HR_ADMIN, INTEGRATION), admin::plugins,
                doc("Installed plugins, and the ones that failed with their reason", "hub", null, PluginInfo.class, true)));

        // People, from the HRIS.
        routes.add(get("/api/people", EnumSet.of(HR_ADMIN, PROGRAM_MANAGER, INTEGRATION), people::list,
                list("People, ordered by modification", "people", Person.class, "status", "department")));
        routes.add(post("/api/people/bulk", EnumSet.of(HR_ADMIN, INTEGRATION), people::bulkUpsert,
                doc("Create or update up to 10,000 people by HRIS id", "people", PeopleApi.BulkUpsert.class,
                        PersonStore.Result.class)));
        routes.add(get("/api/people/{id}", ANYONE, people::get, doc("One person", "people", null, Person.class)));
        routes.add(get("/api/people/{id}/history", ANYONE, people::history,
                doc("Dated changes of title, grade, department, manager and status", "people", null,
                        Person.Change.class, true)));

        // Programs and enrollments.
        routes.add(get("/api/programs", PEOPLE, programs::list,
                list("Programs the caller may see", "programs", Program.class, "status")));
        routes.add(post("/api/programs", EnumSet.of(HR_ADMIN), programs::create,
                created("Create a program", "programs", Program.class)));
        routes.add(get("/api/programs/{id}", PEOPLE, programs::get, doc("One program", "programs", null, Program.class)));
        routes.add(put("/api/programs/{id}", STAFF, programs::update,
                doc("Replace a program (If-Match supported)", "programs", Program.class, Program.class)));
        routes.add(get("/api/programs/{id}/enrollments", PEOPLE, programs::enrollments,
                list("Enrollments in a program (participants see their own)", "enrollments", Enrollment.class,
                        "role", "status")));
        routes.add(post("/api/programs/{id}/enrollments", PEOPLE, programs::enroll,
                created("Enroll a person (participants enroll themselves while the program is ENROLLING)",
                        "enrollments", Enrollment.class)));
        routes.add(get("/api/enrollments/{id}", PEOPLE, programs::enrollment,
                doc("One enrollment", "enrollments", null, Enrollment.class)));
        routes.add(put("/api/enrollments/{id}", PEOPLE, programs::updateEnrollment,
                doc("Replace an enrollment's profile, capacity or status (If-Match supported)", "enrollments",
                        Enrollment.class, Enrollment.class)));

        // Pairings and their transitions.
        routes.add(get("/api/programs/{id}/pairings", PEOPLE, pairings::list,
                list("Pairings in a program (participants see their own)", "pairings", Pairing.class, "state")));
        routes.add(post("/api/programs/{id}/pairings", STAFF, pairings::propose,
                created("Propose a pairing by hand", "pairings", Pairing.class)));
        routes.add(get("/api/pairings/{id}", PEOPLE, pairings::get, doc("One pairing", "pairings", null, Pairing.class)));
        routes.add(get("/api/pairings/{id}/transitions", PEOPLE, pairings::transitions,
                doc("Every state change of a pairing: from, to, reason, who, when", "pairings", null,
                        Pairing.Transition.class, true)));
        for (PairingsApi.Transition transition : PairingsApi.Transition.values()) {
            Set<Role> roles = transition.byMembers ? PEOPLE : STAFF;
            routes.add(post("/api/pairings/{id}/" + transition.path, roles, call -> pairings.act(call, transition),
                    doc("Move a pairing to " + transition.target + (transition.target.needsReason()
                            ? " (reason required)" : "") + (transition.byMembers ? "; its members may too" : ""),
                            "pairings", PairingsApi.Action.class, Pairing.class)));
        }

        // Matching runs: jobs that propose pairings, and mentees' rankings of mentors.
        routes.add(post("/api/programs/{id}/matching-runs", STAFF, matching::start,
                new Route.Doc("Start a matching run (202; follow it at Location). Optional: seed, people (re-match "
                        + "only these), deadline_seconds", "matching", MatchingApi.RunRequest.class, MatchingRun.class,
                        false, List.of(), 202)));
        routes.add(get("/api/programs/{id}/matching-runs", STAFF, matching::list,
                new Route.Doc("The program's matching runs, newest first", "matching", null, MatchingRun.class, true,
                        List.of("limit"), 200)));
        routes.add(get("/api/matching-runs/{id}", STAFF, matching::get,
                doc("A matching run: phase, progress, counts, unmatched people with reasons, fairness report",
                        "matching", null, MatchingRun.class)));
        routes.add(post("/api/matching-runs/{id}/cancel", STAFF, matching::cancel,
                new Route.Doc("Cancel a queued or running matching run", "matching", null, MatchingRun.class, false,
                        List.of(), 202)));
        routes.add(post("/api/matching-runs/{id}/publish", STAFF, matching::publish,
                doc("Publish every proposal of a succeeded run that is still PROPOSED", "matching", null,
                        MatchingApi.Published.class)));
        routes.add(post("/api/pairings/{id}/accept", PEOPLE, call -> matching.answer(call, true),
                doc("The proposed mentor accepts a proposal (mentee-choice programs)", "matching",
                        MatchingApi.Answer.class, Pairing.class)));
        routes.add(post("/api/pairings/{id}/decline", PEOPLE, call -> matching.answer(call, false),
                doc("The proposed mentor declines a proposal; the mentee is matched again without them", "matching",
                        MatchingApi.Answer.class, Pairing.class)));
        routes.add(get("/api/programs/{id}/rankings/{person_id}", PEOPLE, matching::ranking,
                doc("A mentee's ranking of mentors, best first", "matching", null, MatchingApi.Ranking.class)));
        routes.add(put("/api/programs/{id}/rankings/{person_id}", PEOPLE, matching::rank,
                doc("Replace a mentee's ranking of mentors (the mentee, HR or the program's managers)", "matching",
                        MatchingApi.Ranking.class, MatchingApi.Ranking.class)));

        // Program metrics: HR and the program's managers.
        routes.add(get("/api/programs/{id}/metrics", STAFF, metrics::get,
                new Route.Doc("A program's metrics for a period (default: program start to today) and cohort: "
                        + "participation, active pairings, sessions per pairing-month, goal completion, survey "
                        + "response rate, NPS, satisfaction trend, and retention and promotion of participants "
                        + "against non-participants; figures over fewer than minimum_group_size (5 or more) people "
                        + "are not shown", "metrics", null, MetricsReport.class, false,
                        List.of("from", "to", "cohort", "by"), 200)));

        // Goals, milestones, sessions.
        addItems(routes, "goals", "goal", Goal.class, progress.goals);
        addItems(routes, "milestones", "milestone", Milestone.class, progress.milestones);
        addItems(routes, "sessions", "session", MentoringSession.class, progress.sessions);

        // Reflections: confidential, visibility-checked, audited.
        routes.add(get("/api/pairings/{id}/reflections", PEOPLE, reflections::list,
                list("Reflections of a pairing the caller may read", "reflections", Reflection.class)));
        routes.add(post("/api/pairings/{id}/reflections", PEOPLE, reflections::create,
                created("Write a reflection (members of the pairing only)", "reflections", Reflection.class)));
        routes.add(get("/api/reflections/{id}", PEOPLE, reflections::get,
                doc("One reflection, if its visibility allows the caller", "reflections", null, Reflection.class)));
        routes.add(put("/api/reflections/{id}", PEOPLE, reflections::update,
                doc("Replace a reflection (its author only; If-Match supported)", "reflections", Reflection.class,
                        Reflection.class)));

        // Reports: what mentorship contributes to performance reviews.
        routes.add(get("/api/reports/review-feed", EnumSet.allOf(Role.class), reports::reviewFeed,
                new Route.Doc("The HR review feed for a period: per person and program, role, pairings, sessions, goals, "
                        + "milestones, courses and reflections shared for review (HR and integrations: everyone; "
                        + "program managers: their programs; participants: themselves). Audited",
                        "reports", null, io.mentorhub.api.domain.ReviewFeedEntry.class, true,
                        List.of("period", "format", "program_id", "person_id", "limit", "cursor"), 200)));
        // Surveys: the tool a program uses, how its surveys go, results above the anonymity threshold, fit concerns.
        routes.add(get("/api/programs/{id}/survey-tool", STAFF, surveys::tool,
                doc("The survey tool the program uses, and whether it is installed", "surveys", null,
                        SurveysApi.SurveyTool.class)));
        routes.add(put("/api/programs/{id}/survey-tool", STAFF, surveys::chooseTool,
                doc("Choose the program's survey tool (an installed one, e.g. builtin or surveymonkey)", "surveys",
                        SurveysApi.SurveyTool.class, SurveysApi.SurveyTool.class)));
        routes.add(get("/api/programs/{id}/surveys", STAFF, surveys::list,
                doc("How each kind of survey goes: invitations by status, responses, response rate, records set aside",
                        "surveys", null, SurveysApi.SurveySummary.class, true)));
        routes.add(get("/api/programs/{id}/surveys/{kind}/results", STAFF, surveys::results,
                new Route.Doc("Aggregated answers to one kind of survey (e.g. NPS); groups and questions with fewer "
                        + "respondents than the anonymity threshold are hidden; never individual answers", "surveys",
                        null, SurveyResults.Results.class, false, List.of("by"), 200)));
        routes.add(get("/api/programs/{id}/survey-invitations", STAFF, surveys::invitations,
                new Route.Doc("Invitations, newest change first: to whom, status, and why one failed (never the link)",
                        "surveys", null, SurveysApi.InvitationStatus.class, true, List.of("status", "limit"), 200)));
        routes.add(get("/api/pairings/{id}/fit-concerns", STAFF, surveys::fitConcerns,
                doc("\"Not a good fit\" answers on a pairing: who raised it (role), when, and whether in the trial "
                        + "(dissolve in trial to re-match)", "surveys", null, FitConcerns.Concern.class, true)));

        // Notifications: each person's e-mail opt-outs.
        routes.add(get("/api/people/{id}/notification-preferences", PEOPLE, notifications::get,
                doc("A person's e-mail opt-outs (the person themself, or HR)", "notifications", null,
                        NotificationsApi.Preferences.class)));
        routes.add(put("/api/people/{id}/notification-preferences", PEOPLE, notifications::put,
                doc("Replace one's own e-mail opt-outs: opted_out lists kinds, or all", "notifications",
                        NotificationsApi.Preferences.class, NotificationsApi.Preferences.class)));
        // Consent: whether one's mentoring is written to performance-review systems.
        routes.add(get("/api/people/{id}/review-sharing", PEOPLE, sharing::get,
                doc("Whether the person agreed to share their mentoring (goals, progress, participation, reflections "
                        + "shared for review) with performance-review systems (the person themself, or HR)",
                        "reports", null, ReviewSharingApi.Sharing.class)));
        routes.add(put("/api/people/{id}/review-sharing", PEOPLE, sharing::put,
                doc("Agree (shares: true) or not (false) to share one's mentoring with performance-review systems; "
                        + "only the person themself", "reports", ReviewSharingApi.Sharing.class,
                        ReviewSharingApi.Sharing.class)));
        // Connectors: HR configures instances; an integration may read them, start syncs and replay dead letters.
        Set<Role> syncing = EnumSet.of(HR_ADMIN, INTEGRATION);
        Set<Role> hr = EnumSet.of(HR_ADMIN);
        routes.add(get("/api/connector-types", syncing, connectors::types,
                doc("Installed connectors: kind, capabilities, and the settings an instance takes (theirs and the "
                        + "hub's), with types, defaults and which are secret", "connectors", null, ConnectorType.class,
                        true)));
        routes.add(get("/api/connectors", syncing, connectors::list,
                doc("Connector instances: state (and why), where configured, settings with secrets masked, last run",
                        "connectors", null, ConnectorView.class, true)));
        routes.add(post("/api/connectors", hr, connectors::create,
                created("Create a connector instance (a factory configuration); secrets only as $[secret:NAME] or "
                        + "$[env:NAME]", "connectors", ConnectorsApi.InstanceRequest.class, ConnectorView.class)));
        routes.add(get("/api/connectors/{id}", syncing, connectors::get,
                doc("One connector instance", "connectors", null, ConnectorView.class)));
        routes.add(put("/api/connectors/{id}", hr, connectors::update,
                doc("Replace a connector instance's configuration (instances configured in a file: edit the file)",
                        "connectors", ConnectorsApi.InstanceRequest.class, ConnectorView.class)));
        routes.add(new Route("DELETE", "/api/connectors/{id}", hr, connectors::delete,
                doc("Delete a connector instance made through the API; its runs and dead letters stay", "connectors",
                        null, ConnectorView.class)));
        routes.add(post("/api/connectors/{id}/enable", hr, connectors::enable,
                doc("Lift a suspension (the vendor refused the configuration or credentials)", "connectors", null,
                        ConnectorView.class)));
        routes.add(post("/api/connectors/{id}/sync", syncing, connectors::sync,
                new Route.Doc("Start a sync (202; follow it at Location). Optional: mode full (default) or "
                        + "incremental, dry_run (only records what would change), accept_coverage_drop", "connectors",
                        ConnectorsApi.SyncRequest.class, SyncRun.class, false, List.of(), 202)));
        routes.add(get("/api/connectors/{id}/runs", syncing, connectors::runs,
                new Route.Doc("The instance's sync runs, newest first", "connectors", null, SyncRun.class, true,
                        List.of("limit"), 200)));
        routes.add(get("/api/connectors/{id}/runs/{run_id}", syncing, connectors::run,
                doc("A sync run: phase, pages, created/updated/unchanged/terminated/failed, coverage, warnings, timings",
                        "connectors", null, SyncRun.class)));
        routes.add(get("/api/connectors/{id}/runs/{run_id}/changes", syncing, connectors::changes,
                new Route.Doc("What a dry run would change, field by field (custom attributes without values)",
                        "connectors", null, SyncChange.class, true, List.of("limit", "cursor"), 200)));
        routes.add(get("/api/connectors/{id}/dead-letters", syncing, connectors::deadLetters,
                new Route.Doc("What syncs could not apply: where, which record and why (never the content)",
                        "connectors", null, DeadLetter.class, true, List.of("limit", "cursor", "status"), 200)));
        routes.add(post("/api/connectors/{id}/dead-letters/replay", syncing, connectors::replay,
                new Route.Doc("Replay pending dead letters (ids, or all) as a run (202; follow it at Location)",
                        "connectors", ConnectorsApi.ReplayRequest.class, SyncRun.class, false, List.of(), 202)));
        routes.add(post("/api/connectors/{id}/dead-letters/{dead_letter_id}/discard", hr, connectors::discard,
                doc("Mark a pending dead letter as not to be replayed", "connectors", null, DeadLetter.class)));
        // What push connectors owe their systems (LMS, LRS, performance reviews), and their scheduled tasks.
        routes.add(get("/api/connectors/{id}/push", syncing, pushes::status,
                doc("Where the instance's pushes stand: items by status, the newest DEAD ones with their reason, a "
                        + "hold while the vendor refuses the configuration, and the scheduled tasks' last runs",
                        "connectors", null, PushControl.PushStatus.class)));
        routes.add(post("/api/connectors/{id}/push/replay", syncing, pushes::replay,
                doc("Send the instance's DEAD items again, with fresh attempts", "connectors", null, PushApi.Replayed.class)));
        routes.add(post("/api/connectors/{id}/push/backfill", hr, pushes::backfill,
                doc("Queue what the instance is owed for sessions, goals and milestones recorded before it was "
                        + "configured (items already queued are not queued again)", "connectors", null, PushApi.Queued.class)));
        routes.add(new Route("POST", "/api/connectors/{id}/tasks/{task}", syncing, pushes::runTask,
                new Route.Doc("Run a scheduled task now: completions (read course completions into goal progress) "
                        + "or review-feed (queue the feed of the current period, or of ?period=)", "connectors", null,
                        PushTasks.TaskRun.class, false, List.of("period"), 200)));

        // Administration.
        routes.add(get("/api/keys", EnumSet.of(HR_ADMIN), admin::listKeys,
                doc("API keys (never their secrets)", "keys", null, ApiKeys.Key.class, true)));
        routes.add(post("/api/keys", EnumSet.of(HR_ADMIN), admin::createKey,
                created("Create an API key; its secret is shown only in this answer", "keys", AdminApi.NewKey.class,
                        ApiKeys.Issued.class)));
        routes.add(new Route("DELETE", "/api/keys/{id}", EnumSet.of(HR_ADMIN), admin::revokeKey,
                doc("Revoke an API key", "keys", null, ApiKeys.Key.class)));
        routes.add(get("/api/audit", EnumSet.of(HR_ADMIN), admin::audit,
                new Route.Doc("The audit log, newest first", "audit", null, io.mentorhub.engine.store.AuditLog.Entry.class,
                        true, List.of("before", "limit"), 200)));
        return List.copyOf(routes);
    }

    private static <T> void addItems(List<Route> routes, String path, String name, Class<T> type,
            ProgressApi.Items<T> items) {
        routes.add(get("/api/pairings/{id}/" + path, PEOPLE, items::list,
                list("The " + name + "s of a pairing", path, type)));
        routes.add(post("/api/pairings/{id}/" + path, PEOPLE, items::create,
                created("Record a " + name + " in a live pairing", path, type)));
        routes.add(get("/api/" + path + "/{id}", PEOPLE, items::get, doc("One " + name, path, null, type)));
        routes.add(put("/api/" + path + "/{id}", PEOPLE, items::update,
                doc("Replace a " + name + " (If-Match supported)", path, type, type)));
    }

    private static Route get(String path, Set<Role> roles, Route.Handler handler, Route.Doc doc) {
        return new Route("GET", path, roles, handler, doc);
    }

    private static Route post(String path, Set<Role> roles, Route.Handler handler, Route.Doc doc) {
        return new Route("POST", path, roles, handler, doc);
    }

    private static Route put(String path, Set<Role> roles, Route.Handler handler, Route.Doc doc) {
        return new Route("PUT", path, roles, handler, doc);
    }

    private static Route.Doc doc(String summary, String tag, Class<?> request, Class<?> response) {
        return new Route.Doc(summary, tag, request, response, false, List.of(), 200);
    }

    private static Route.Doc doc(String summary, String tag, Class<?> request, Class<?> response, boolean list) {
        return new Route.Doc(summary, tag, request, response, list, List.of(), 200);
    }

    private static Route.Doc list(String summary, String tag, Class<?> item, String... filters) {
        List<String> query = new ArrayList<>(PAGING);
        query.addAll(List.of(filters));
        return new Route.Doc(summary, tag, null, item, true, query, 200);
    }

    private static Route.Doc created(String summary, String tag, Class<?> type) {
        return created(summary, tag, type, type);
    }

    private static Route.Doc created(String summary, String tag, Class<?> request, Class<?> response) {
        return new Route.Doc(summary, tag, request, response, false, List.of(), 201);
    }
}
