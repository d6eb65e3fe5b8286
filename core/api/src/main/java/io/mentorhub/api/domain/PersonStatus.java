package io.mentorhub.api.domain;

/** Employment status as HRIS systems report it: A (active), L (on leave), T (terminated). */
public enum PersonStatus {
    A, L, T
}
