package io.mentorhub.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notification settings: the defaults, the full mapping, refused values, and a password never shown. */
class NotificationsConfigTest {

    /** A configuration as Declarative Services makes it: the given values, else the declared defaults. */
    static Notifications.Config config(Map<String, Object> values) {
        return (Notifications.Config) Proxy.newProxyInstance(Notifications.Config.class.getClassLoader(),
                new Class<?>[] {Notifications.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return Notifications.Config.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    @Test
    void byDefaultNoMailIsSentAndRemindersAreADayOrThreeDaysAhead() {
        Notifications.Settings settings = Notifications.settings(config(Map.of()), Path.of("/opt/hub"));
        assertNull(settings.smtp(), "no host: off");
        assertEquals(10, settings.maxPerRecipientPerHour());
        assertEquals(Duration.ofHours(24), settings.sessionReminder());
        assertEquals(3, settings.goalDueDays());
        assertEquals(3, settings.trialEndingDays());
        assertEquals(300_000, settings.scanMillis());
        assertEquals(Path.of("/opt/hub/etc/notifications"), settings.templates());
    }

    @Test
    void everySettingIsMappedAndThePasswordIsNeverShown() {
        Map<String, Object> values = new HashMap<>();
        values.put("host", " smtp.example.com ");
        values.put("port", 2525);
        values.put("from", "mentoring@example.com");
        values.put("fromName", "Mentoring at Example");
        values.put("startTls", false);
        values.put("user", "hub");
        values.put("password", "s3cret!");
        values.put("timeoutSeconds", 7);
        values.put("maxPerRecipientPerHour", 4);
        values.put("sessionReminderHours", 2);
        values.put("goalDueDays", 1);
        values.put("trialEndingDays", 5);
        values.put("scanSeconds", 60);
        values.put("templates", "custom/mail");
        Notifications.Settings settings = Notifications.settings(config(values), Path.of("/opt/hub"));
        SmtpMailer.Smtp smtp = settings.smtp();
        assertEquals(new SmtpMailer.Smtp("smtp.example.com", 2525, "mentoring@example.com", "Mentoring at Example",
                false, "hub", "s3cret!", Duration.ofSeconds(7)), smtp);
        assertEquals("example.com", smtp.fromDomain());
        assertEquals("Smtp[smtp.example.com:2525, from=mentoring@example.com, startTls=false, user=hub, "
                + "password=********]", smtp.toString());
        assertEquals(new Notifications.Settings(smtp, 4, Duration.ofHours(2), 1, 5, 60_000,
                Path.of("/opt/hub/custom/mail")), settings);
    }

    @Test
    void badValuesStopActivationWithAMessageNamingThem() {
        assertEquals("from must be an e-mail address such as mentoring@example.com", assertThrows(
                IllegalArgumentException.class, () -> Notifications.settings(config(Map.of("host", "smtp",
                        "from", "not an address")), Path.of("."))).getMessage());
        assertEquals("a password is set without a user", assertThrows(IllegalArgumentException.class,
                () -> Notifications.settings(config(Map.of("host", "smtp", "password", "x")), Path.of(".")))
                .getMessage());
        assertEquals("port must be 1-65535, was 0", assertThrows(IllegalArgumentException.class,
                () -> Notifications.settings(config(Map.of("host", "smtp", "port", 0)), Path.of("."))).getMessage());
    }

    @Test
    void aMessageIdIsTheIdempotencyKeyWithForbiddenCharactersEscaped() {
        assertEquals("<mail%3Asession_reminder%3Aab-12%3A1801%3Aemp%2E7@example.com>",
                SmtpMailer.messageId("mail:session_reminder:ab-12:1801:emp.7", "example.com"));
    }

}
