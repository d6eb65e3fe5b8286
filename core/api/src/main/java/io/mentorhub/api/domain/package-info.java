/**
 * The mentorship domain: people (from the HRIS), programs, enrollments, pairings, goals, milestones, sessions and
 * reflections. Immutable records that validate themselves on construction, so an invalid one never exists.
 */
@Export
@Version("1.1.0")
package io.mentorhub.api.domain;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
