package io.mentorhub.api.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mentorhub.api.domain.InvalidValueException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the directory SPI's records accept, so a protocol bundle learns of bad input before the hub is asked. */
class DirectoryRecordsTest {

    @Test
    void accountsStripTheirTextAndRequireALogin() {
        Account account = new Account("  ada@example.com ", " ", null);
        assertEquals("ada@example.com", account.userName());
        assertNull(account.displayName(), "blank means none");
        assertEquals("user_name", assertThrows(InvalidValueException.class,
                () -> new Account(" ", null, null)).field());
        assertEquals("external_id", assertThrows(InvalidValueException.class,
                () -> new Account("ada", null, "x".repeat(Account.MAX_LENGTH + 1))).field());
        assertEquals("display_name", assertThrows(InvalidValueException.class,
                () -> new Account("ada", "line\nbreak", null)).field());
    }

    @Test
    void groupsNeedANameAndMembersById() {
        Set<String> members = new LinkedHashSet<>(List.of("p-2", "p-1"));
        GroupData group = new GroupData(" Mentors ", null, members);
        assertEquals("Mentors", group.displayName());
        assertEquals(List.of("p-2", "p-1"), List.copyOf(group.memberIds()), "in the order given");
        assertEquals(Set.of(), new GroupData("Empty", null, null).memberIds());
        assertThrows(InvalidValueException.class, () -> new GroupData(null, null, Set.of()));
        assertEquals("members", assertThrows(InvalidValueException.class,
                () -> new GroupData("G", null, Set.of(" "))).field());
    }

    @Test
    void queriesAreBoundedAndActiveIsABooleanEquality() {
        new PersonQuery(List.of(new PersonQuery.Condition(PersonQuery.Field.ACTIVE, PersonQuery.Match.EQUALS,
                "false")), null, 0, PersonQuery.MAX_LIMIT, true);
        assertThrows(InvalidValueException.class, () -> new PersonQuery.Condition(PersonQuery.Field.ACTIVE,
                PersonQuery.Match.STARTS_WITH, "t"));
        assertThrows(InvalidValueException.class, () -> new PersonQuery.Condition(PersonQuery.Field.ACTIVE,
                PersonQuery.Match.EQUALS, "yes"));
        assertThrows(InvalidValueException.class, () -> new PersonQuery.Condition(PersonQuery.Field.USER_NAME,
                PersonQuery.Match.EQUALS, "x".repeat(1001)));
        assertThrows(InvalidValueException.class, () -> PersonQuery.all(0, PersonQuery.MAX_LIMIT + 1));
        assertThrows(InvalidValueException.class, () -> PersonQuery.all(-1, 10));
        assertThrows(InvalidValueException.class, () -> new PersonQuery(List.of(), "p-1", 5, 10, false));
        assertThrows(InvalidValueException.class, () -> new GroupQuery.Condition(GroupQuery.Field.MEMBER,
                PersonQuery.Match.STARTS_WITH, "p"));
        assertEquals(List.of(), new GroupQuery(null, null, 0, 0, true, false).conditions());
    }
}
