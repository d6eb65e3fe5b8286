package io.mentorhub.api.directory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group of people pushed by an identity provider (a department list, a mentoring cohort, a pool of volunteers).
 * {@code members} is empty when it was not asked for ({@link GroupQuery#withMembers()}), otherwise every member.
 */
public record DirectoryGroup(String id, String displayName, String externalId, List<Member> members,
        boolean membersLoaded, long version, Instant created, Instant lastModified) {

    /** A member: the person's id and display name. */
    public record Member(String personId, String display) {
        public Member {
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(display, "display");
        }
    }

    public DirectoryGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        members = members == null ? List.of() : List.copyOf(members);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
