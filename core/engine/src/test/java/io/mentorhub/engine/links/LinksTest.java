package io.mentorhub.engine.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinksTest {

    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
    private final Links links = new Links("https://mentoring.example.com/", SECRET);

    @Test
    void aRespondTokenNamesItsInvitationAndExpiryAndNothingElseReadsAsOne() {
        String id = UUID.randomUUID().toString();
        Instant expires = Instant.parse("2027-03-01T00:00:00Z");
        String token = links.respondToken(id, expires);
        assertEquals(Optional.of(new Links.RespondClaim(id, expires)), links.readRespondToken(token));
        assertEquals("https://mentoring.example.com/respond/" + token, links.respondUrl(id, expires).toString());
        assertTrue(links.readRespondToken(token).get().expired(expires));

        char last = token.charAt(token.length() - 1);
        assertEquals(Optional.empty(), links.readRespondToken(token.substring(0, token.length() - 1)
                + (last == 'A' ? 'B' : 'A')), "a changed signature");
        char first = token.charAt(0);
        assertEquals(Optional.empty(), links.readRespondToken((first == 'A' ? 'B' : 'A') + token.substring(1)),
                "a changed payload");
        assertEquals(Optional.empty(), new Links("https://x.example", "another-secret-of-at-least-32-bytes!!"
                .getBytes(StandardCharsets.UTF_8)).readRespondToken(token), "another hub's secret");
        assertEquals(Optional.empty(), links.readUnsubscribeToken(token), "a respond token is no unsubscribe token");
        for (String bad : new String[] {null, "", ".", "abc", "a.b.c", "!!!.???", token + "=", "x".repeat(600)}) {
            assertEquals(Optional.empty(), links.readRespondToken(bad), String.valueOf(bad));
        }
        assertEquals(64, Links.hash(token).length());
    }

    @Test
    void anUnsubscribeTokenNamesAPersonAndAKind() {
        String token = links.unsubscribeToken("emp:1042", "session_reminder");
        assertEquals(Optional.of(new Links.UnsubscribeClaim("emp:1042", "session_reminder")),
                links.readUnsubscribeToken(token));
        assertEquals(Optional.empty(), links.readRespondToken(token));
    }

    @Test
    void thePublicUrlAndTheSecretAreChecked(@TempDir Path data) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new Links("ftp://hub", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new Links("https://user:pw@hub", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new Links("https://hub?x=1", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new Links("https://hub", new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Links.secret("too short", data.resolve("link.secret")));

        Path file = data.resolve("link.secret");
        byte[] generated = Links.secret("", file);
        assertEquals(32, generated.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(new String(generated, StandardCharsets.ISO_8859_1),
                new String(Links.secret(null, file), StandardCharsets.ISO_8859_1), "kept across starts");
        assertEquals("Links[https://mentoring.example.com, secret=********]", links.toString());
    }
}
