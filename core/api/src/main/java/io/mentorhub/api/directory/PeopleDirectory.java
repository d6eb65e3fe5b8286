package io.mentorhub.api.directory;

import io.mentorhub.api.domain.Person;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's people and groups for systems that push them (identity providers, HRIS through SCIM). The hub
 * implements it as a service once its database is ready; every write is one transaction, recorded in the audit log
 * under {@code actor}, with dated history for the person's tracked fields. People are never deleted:
 * {@link #remove} terminates the person and takes them out of the directory.
 *
 * <p>{@code expectedVersion} is the {@link DirectoryPerson#version()} or {@link DirectoryGroup#version()} the caller
 * read; a write fails with {@link DirectoryException.Kind#STALE_VERSION} when it is no longer current (null: no
 * check).
 */
@ProviderType
public interface PeopleDirectory {

    /** The person with this id, unless there is none or they were removed from the directory. */
    Optional<DirectoryPerson> person(String id);

    ResultPage<DirectoryPerson> people(PersonQuery query);

    /**
     * Adds a person under the id the caller chose (a new random UUID). If the account's user name belonged to a
     * person removed from the directory, and their employee numbers do not differ, that person comes back instead
     * (their id, history and relations kept; status from {@code person}) — a rehire keeps one record.
     *
     * @throws DirectoryException CONFLICT when the user name, work e-mail or employee number is taken; INVALID when
     *         the manager is not in the directory
     */
    DirectoryPerson create(String actor, Person person, Account account);

    /** Replaces the person's fields and account; unchanged values leave the version as it is. */
    DirectoryPerson replace(String actor, Person person, Account account, Long expectedVersion);

    /**
     * Takes the person out of the directory: terminated (status T, dated today) and no longer found, listed or a
     * group member. Their record and history stay in the hub.
     */
    void remove(String actor, String id, Long expectedVersion);

    Optional<DirectoryGroup> group(String id, boolean withMembers);

    ResultPage<DirectoryGroup> groups(GroupQuery query);

    /** @throws DirectoryException CONFLICT on a taken name; INVALID when a member is not in the directory */
    DirectoryGroup createGroup(String actor, GroupData group);

    DirectoryGroup replaceGroup(String actor, String id, GroupData group, Long expectedVersion);

    /**
     * Adds and removes members without rewriting the others (large groups change one member at a time). Adding a
     * member twice or removing a non-member changes nothing.
     */
    DirectoryGroup changeMembers(String actor, String id, Set<String> add, Set<String> remove, Long expectedVersion);

    void removeGroup(String actor, String id, Long expectedVersion);
}
