package io.mentorhub.api.connector;

/** Which kind of outside system a connector talks to. */
public enum ConnectorKind {
    HRIS, LMS, PERFORMANCE, SURVEY
}
