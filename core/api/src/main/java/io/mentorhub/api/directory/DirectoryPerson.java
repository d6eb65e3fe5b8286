package io.mentorhub.api.directory;

import io.mentorhub.api.domain.Person;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A person as the directory shows them: the hub's {@link Person}, the login the pushing system knows them by, that
 * system's own id for them, the groups they belong to, and the version that guards concurrent writes.
 *
 * <p>{@code userName} is the login stored by the last directory write; for a person who came from the HRIS and was
 * never written through the directory it is their work e-mail (or, without one, their id). {@code displayName} is
 * the name stored by a directory write, or "given family".
 */
public record DirectoryPerson(Person person, String userName, String displayName, String externalId,
        List<GroupRef> groups, long version, Instant created, Instant lastModified) {

    /** A group the person belongs to. */
    public record GroupRef(String id, String displayName) {
        public GroupRef {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    public DirectoryPerson {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(displayName, "displayName");
        groups = groups == null ? List.of() : List.copyOf(groups);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    public String id() {
        return person.id();
    }
}
