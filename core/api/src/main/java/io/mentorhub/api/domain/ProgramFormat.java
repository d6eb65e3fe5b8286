package io.mentorhub.api.domain;

/** How people are paired in a program. */
public enum ProgramFormat {
    /** One mentor, one mentee. */
    ONE_TO_ONE,
    /** One mentor with a small group of mentees (typically 4-6). */
    GROUP,
    /** Participants of one pool mentor each other. */
    PEER,
    /** A junior colleague mentors a senior one. */
    REVERSE
}
