/**
 * Directory SPI: the hub's people as an identity provider or HRIS pushing changes sees them — each person with the
 * login and the identifier the pushing system keeps ({@link io.mentorhub.api.directory.DirectoryPerson}), and groups
 * of people ({@link io.mentorhub.api.directory.DirectoryGroup}). The hub implements {@link
 * io.mentorhub.api.directory.PeopleDirectory}; a protocol bundle (SCIM 2.0) calls it. Writes are optimistic: each
 * takes the version the caller read and fails with a typed {@link io.mentorhub.api.directory.DirectoryException}.
 */
@Export
@Version("1.0.0")
package io.mentorhub.api.directory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
