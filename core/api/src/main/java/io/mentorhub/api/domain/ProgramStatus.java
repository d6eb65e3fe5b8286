package io.mentorhub.api.domain;

/** Where a program is in its life. */
public enum ProgramStatus {
    DRAFT, ENROLLING, RUNNING, COMPLETED, ARCHIVED
}
