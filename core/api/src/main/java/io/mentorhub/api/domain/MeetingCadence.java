package io.mentorhub.api.domain;

/** How often pairs are expected to meet. */
public enum MeetingCadence {
    WEEKLY, BIWEEKLY, MONTHLY
}
