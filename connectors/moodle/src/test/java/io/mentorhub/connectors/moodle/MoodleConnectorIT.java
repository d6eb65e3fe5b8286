package io.mentorhub.connectors.moodle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.CourseCompletions.CourseQuestion;
import io.mentorhub.api.connector.CourseCompletions.CourseStatus;
import io.mentorhub.api.connector.CourseEnrolments.Enrolment;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.connectors.support.http.VendorHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Moodle connector against {@link FakeMoodle}: request shapes, Moodle's quirks and every fault. */
class MoodleConnectorIT {

    static final String TOKEN = "f00dbabe5ecre7700000000000000042";
    private static final String PATH = "/moodle" + MoodleSite.REST_PATH;

    private FakeMoodle moodle;
    private WireMockServer server;
    private MoodleConnector connector;
    private long ada;
    private long bob;

    @BeforeEach
    void start() {
        moodle = new FakeMoodle(TOKEN);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(moodle));
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers(FakeMoodle.NAME)));
        connector = new MoodleConnector(new VendorHttp("Moodle", new VendorHttp.Limits(Duration.ofSeconds(2),
                1024 * 1024), List.of()));
        ada = moodle.user("ada.lovelace@example.com", false);
        bob = moodle.user("bob@example.com", false);
        moodle.course(7, true, true, 2, 1);
        moodle.course(8, true, true, 1, 1);
        moodle.course(9, false, true, 1, 1);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.stop();
    }

    private ConnectorConfig config(Map<String, String> overrides) throws ConnectorException {
        Map<String, String> raw = new HashMap<>();
        raw.put(MoodleConnector.SITE_URL, "http://127.0.0.1:" + server.port() + "/moodle/");
        raw.put(MoodleConnector.TOKEN, TOKEN);
        raw.putAll(overrides);
        return ConnectorConfig.of("moodle-test", connector.settings(), raw, true);
    }

    private ConnectorConfig config() throws ConnectorException {
        return config(Map.of());
    }

    private static Map<String, Delivery> byKey(List<Delivery> deliveries) {
        return deliveries.stream().collect(Collectors.toMap(Delivery::key, d -> d));
    }

    @Test
    void findsLearnersByEmailAndEnrolsThemAsStudentsInOneCall() throws Exception {
        List<Delivery> deliveries = connector.enrol(config(), List.of(
                new Enrolment("e1", "Ada.Lovelace@Example.com", "7"),
                new Enrolment("e2", "bob@example.com", " 8 ")));

        assertEquals(List.of("e1", "e2"), deliveries.stream().map(Delivery::key).toList());
        assertEquals("user/" + ada + "/course/7", deliveries.get(0).externalRef());
        assertEquals("user/" + bob + "/course/8", deliveries.get(1).externalRef());
        assertEquals(Map.of(new FakeMoodle.Placement(ada, 7), 5L, new FakeMoodle.Placement(bob, 8), 5L),
                moodle.enrolments());

        // The token travels in the form body, never in the URL; the function and format in the query.
        server.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("wsfunction", equalTo(MoodleConnector.USERS_BY_FIELD))
                .withQueryParam("moodlewsrestformat", equalTo("json"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("wstoken=" + TOKEN))
                .withRequestBody(containing("field=email"))
                // Moodle compares addresses as stored: asked as given and in lower case.
                .withRequestBody(containing("values%5B0%5D=Ada.Lovelace%40Example.com"))
                .withRequestBody(containing("values%5B1%5D=ada.lovelace%40example.com")));
        server.verify(1, postRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("wsfunction", equalTo(MoodleConnector.ENROL))
                .withRequestBody(containing("enrolments%5B0%5D%5Broleid%5D=5"))
                .withRequestBody(containing("enrolments%5B1%5D%5Bcourseid%5D=8")));
        for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo(PATH)))) {
            assertFalse(request.getUrl().contains(TOKEN), "the token never appears in a URL");
        }
    }

    @Test
    void anAlreadyEnrolledLearnerIsDeliveredWithoutASecondEnrolment() throws Exception {
        moodle.enrolled(ada, 7);
        List<Delivery> deliveries = connector.enrol(config(), List.of(new Enrolment("e1", "Ada.Lovelace@example.com", "7")));
        assertTrue(deliveries.get(0).delivered());
        assertEquals(0, moodle.enrolmentWrites());
    }

    @Test
    void theConfiguredRoleIsUsed() throws Exception {
        connector.enrol(config(Map.of(MoodleConnector.STUDENT_ROLE_ID, "3")), List.of(new Enrolment("e1", "bob@example.com", "7")));
        assertEquals(3L, moodle.enrolments().get(new FakeMoodle.Placement(bob, 7)));
    }

    @Test
    void unknownAmbiguousAndSuspendedLearnersAndNonNumericCoursesAreRefusedOneByOne() throws Exception {
        moodle.user("twin@example.com", false);
        moodle.user("twin@example.com", false);
        moodle.user("gone@example.com", true);
        List<Delivery> deliveries = connector.enrol(config(), List.of(
                new Enrolment("nobody", "nobody@example.com", "7"),
                new Enrolment("twin", "twin@example.com", "7"),
                new Enrolment("suspended", "gone@example.com", "7"),
                new Enrolment("shortname", "bob@example.com", "LEAD-101"),
                new Enrolment("fine", "bob@example.com", "7")));
        Map<String, Delivery> byKey = byKey(deliveries);
        assertTrue(byKey.get("nobody").refusal().contains("no Moodle account"), byKey.get("nobody").refusal());
        assertTrue(byKey.get("twin").refusal().contains("2 Moodle accounts"), byKey.get("twin").refusal());
        assertTrue(byKey.get("suspended").refusal().contains("suspended"), byKey.get("suspended").refusal());
        assertTrue(byKey.get("shortname").refusal().contains("whole numbers"), byKey.get("shortname").refusal());
        assertTrue(byKey.get("fine").delivered());
        assertEquals(Map.of(new FakeMoodle.Placement(bob, 7), 5L), moodle.enrolments());
    }

    @Test
    void aBatchMoodleRefusesForOneCourseIsRetriedOneAtATimeSoOnlyThatOneIsRefused() throws Exception {
        List<Delivery> deliveries = connector.enrol(config(), List.of(
                new Enrolment("a7", "ada.lovelace@example.com", "7"),
                new Enrolment("a9", "ada.lovelace@example.com", "9"),
                new Enrolment("b404", "bob@example.com", "404"),
                new Enrolment("b8", "bob@example.com", "8")));
        Map<String, Delivery> byKey = byKey(deliveries);
        assertTrue(byKey.get("a7").delivered());
        assertTrue(byKey.get("b8").delivered());
        assertTrue(byKey.get("a9").refusal().contains("wsnoinstance"), byKey.get("a9").refusal());
        assertTrue(byKey.get("a9").refusal().contains("Manual enrolments method"), byKey.get("a9").refusal());
        assertTrue(byKey.get("b404").refusal().contains("does not exist"), byKey.get("b404").refusal());
        assertEquals(Map.of(new FakeMoodle.Placement(ada, 7), 5L, new FakeMoodle.Placement(bob, 8), 5L),
                moodle.enrolments());
        // One batch call, then one call per placement.
        server.verify(5, postRequestedFor(urlPathEqualTo(PATH)).withQueryParam("wsfunction", equalTo(MoodleConnector.ENROL)));
    }

    @Test
    void aRoleTheTokenCannotAssignIsAConfigurationError() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.enrol(
                config(Map.of(MoodleConnector.STUDENT_ROLE_ID, "1")), List.of(new Enrolment("e1", "bob@example.com", "7"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("wsusercannotassign"), e.getMessage());
        assertTrue(moodle.enrolments().isEmpty());
    }

    @Test
    void aBadTokenIsAConfigurationErrorThatNeverShowsTheToken() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.enrol(
                config(Map.of(MoodleConnector.TOKEN, "wrong-token-0000")), List.of(new Enrolment("e1", "bob@example.com", "7"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("invalidtoken"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token-0000"));
        assertNull(e.getCause());
    }

    @Test
    void aFunctionMissingFromTheTokensServiceIsAConfigurationErrorNamingIt() throws Exception {
        moodle.withoutFunction(MoodleConnector.COMPLETION);
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.fetchCompletions(config(),
                List.of(new CourseQuestion("bob@example.com", "7"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains(MoodleConnector.COMPLETION), e.getMessage());
    }

    @Test
    void completionsComeInQuestionOrderWithTheDayTheCourseWasCompletedInTheConfiguredZone() throws Exception {
        moodle.enrolled(ada, 7);
        moodle.enrolled(ada, 8);
        moodle.enrolled(bob, 7);
        // Course 7 needs both criteria: completed when the later one was met.
        moodle.criterionMet(ada, 7, Instant.parse("2026-10-01T09:00:00Z").getEpochSecond());
        moodle.criterionMet(ada, 7, Instant.parse("2026-10-04T23:30:00Z").getEpochSecond());
        moodle.criterionMet(bob, 7, Instant.parse("2026-10-02T10:00:00Z").getEpochSecond());
        List<CourseStatus> statuses = connector.fetchCompletions(config(Map.of(MoodleConnector.TIME_ZONE, "Europe/Berlin")),
                List.of(new CourseQuestion("ada.lovelace@example.com", "7"),
                        new CourseQuestion("bob@example.com", "7"),
                        new CourseQuestion("ada.lovelace@example.com", "8"),
                        new CourseQuestion("bob@example.com", "8"),
                        new CourseQuestion("nobody@example.com", "7"),
                        new CourseQuestion("bob@example.com", "404"),
                        new CourseQuestion("bob@example.com", "LEAD-101")));
        assertEquals(new CourseStatus("ada.lovelace@example.com", "7", true, true, LocalDate.of(2026, 10, 5)), statuses.get(0));
        assertEquals(new CourseStatus("bob@example.com", "7", true, false, null), statuses.get(1));
        assertEquals(new CourseStatus("ada.lovelace@example.com", "8", true, false, null), statuses.get(2));
        assertEquals(new CourseStatus("bob@example.com", "8", true, false, null), statuses.get(3), "not enrolled");
        assertEquals(new CourseStatus("nobody@example.com", "7", false, false, null), statuses.get(4));
        assertEquals(new CourseStatus("bob@example.com", "404", false, false, null), statuses.get(5));
        assertEquals(new CourseStatus("bob@example.com", "LEAD-101", false, false, null), statuses.get(6));
        server.verify(postRequestedFor(urlPathEqualTo(PATH)).withQueryParam("wsfunction", equalTo(MoodleConnector.COMPLETION))
                .withRequestBody(containing("courseid=7")).withRequestBody(containing("userid=" + ada)));
    }

    @Test
    void aCourseCompletedByAnyCriterionIsCompletedOnTheFirstOne() throws Exception {
        moodle.course(10, true, true, 3, 2);
        moodle.enrolled(bob, 10);
        moodle.criterionMet(bob, 10, Instant.parse("2026-09-10T12:00:00Z").getEpochSecond());
        moodle.criterionMet(bob, 10, Instant.parse("2026-09-20T12:00:00Z").getEpochSecond());
        assertEquals(LocalDate.of(2026, 9, 10), connector.fetchCompletions(config(),
                List.of(new CourseQuestion("bob@example.com", "10"))).get(0).completedOn());
    }

    @Test
    void aCourseWithoutCompletionTrackingIsAConfigurationError() throws Exception {
        moodle.course(11, true, false, 1, 1);
        moodle.enrolled(bob, 11);
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.fetchCompletions(config(),
                List.of(new CourseQuestion("bob@example.com", "11"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("completion tracking"), e.getMessage());
    }

    @Test
    void aCourseWithoutCriteriaIsNotCompleted() throws Exception {
        moodle.course(12, true, true, 0, 1);
        moodle.enrolled(bob, 12);
        assertEquals(new CourseStatus("bob@example.com", "12", true, false, null), connector.fetchCompletions(config(),
                List.of(new CourseQuestion("bob@example.com", "12"))).get(0));
    }

    @Test
    void maintenanceALoginPageAndACutAnswerAreTransient() throws Exception {
        ConnectorConfig config = config();
        List<Enrolment> one = List.of(new Enrolment("e1", "bob@example.com", "7"));

        for (FakeMoodle.Trouble trouble : List.of(FakeMoodle.Trouble.MAINTENANCE, FakeMoodle.Trouble.HTML_PAGE,
                FakeMoodle.Trouble.CUT_JSON)) {
            moodle.trouble(trouble);
            ConnectorException e = assertThrows(ConnectorException.class, () -> connector.enrol(config, one), trouble.name());
            assertEquals(Kind.TRANSIENT, e.kind(), trouble + ": " + e);
            assertNull(e.getCause());
            assertFalse(e.getMessage().contains(TOKEN));
        }
        moodle.trouble(FakeMoodle.Trouble.NONE);
        assertTrue(moodle.enrolments().isEmpty());
        assertTrue(connector.enrol(config, one).get(0).delivered());
    }

    @Test
    void badSettingsAreConfigurationErrors() throws Exception {
        List<Enrolment> one = List.of(new Enrolment("e1", "bob@example.com", "7"));
        assertEquals(Kind.CONFIG, assertThrows(ConnectorException.class,
                () -> connector.enrol(config(Map.of(MoodleConnector.TIME_ZONE, "Mars/Olympus")), one)).kind());
        assertEquals(Kind.CONFIG, assertThrows(ConnectorException.class,
                () -> connector.enrol(config(Map.of(MoodleConnector.TIMEOUT, "0")), one)).kind());
        assertEquals(Kind.CONFIG, assertThrows(ConnectorException.class,
                () -> connector.enrol(config(Map.of(MoodleConnector.STUDENT_ROLE_ID, "0")), one)).kind());
        assertEquals(0, server.getAllServeEvents().size(), "nothing is sent with a bad setting");
    }

    /**
     * Issue 6, point 4: Moodle enrols, then the answer is lost to a time-out; the hub retries the same items. Enrolment
     * is idempotent in Moodle, so the retry is delivered and each key still means exactly one enrolment.
     */
    @Test
    void anEnrolmentThatCommittedButTimedOutIsRetriedWithoutASecondEnrolment() throws Exception {
        ConnectorConfig config = config(Map.of(MoodleConnector.TIMEOUT, "1"));
        List<Enrolment> batch = List.of(new Enrolment("e1", "ada.lovelace@example.com", "7"),
                new Enrolment("e2", "bob@example.com", "8"));
        moodle.stallNextEnrolment(FakeMoodle.STALL_MILLIS);
        ConnectorException timedOut = assertThrows(ConnectorException.class, () -> connector.enrol(config, batch));
        assertEquals(Kind.TRANSIENT, timedOut.kind());
        assertEquals(2, moodle.enrolmentWrites(), "Moodle committed before the answer was lost");

        List<Delivery> retried = connector.enrol(config, batch);
        assertTrue(retried.stream().allMatch(Delivery::delivered));
        assertEquals(2, moodle.enrolmentWrites(), "the retry wrote nothing new");
        assertEquals(2, moodle.enrolments().size());
        // The journal: two enrolment requests, each carrying the same two placements, so one effective write per key.
        List<LoggedRequest> enrolCalls = server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("wsfunction", equalTo(MoodleConnector.ENROL)));
        assertEquals(2, enrolCalls.size());
        assertEquals(enrolCalls.get(0).getBodyAsString(), enrolCalls.get(1).getBodyAsString());
    }
}
