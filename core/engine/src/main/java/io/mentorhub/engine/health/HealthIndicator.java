package io.mentorhub.engine.health;

/** A part of the hub that can tell whether it works. Each reports under a fixed name, e.g. {@code database}. */
public interface HealthIndicator {

    String healthName();

    ComponentHealth health();
}
