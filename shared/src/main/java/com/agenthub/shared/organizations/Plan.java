package com.agenthub.shared.organizations;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.Map;

/**
 * The subscription plans and their limits: the one table in code (README repeats it). A new
 * organization is on {@link #TRIAL}; only the platform admin moves it to another plan.
 */
public enum Plan {
  TRIAL("trial", Map.of(PlanLimit.AGENTS, 25L)),
  STARTER("starter", Map.of(PlanLimit.AGENTS, 100L)),
  BUSINESS("business", Map.of(PlanLimit.AGENTS, 1_000L)),
  ENTERPRISE("enterprise", Map.of(PlanLimit.AGENTS, 10_000L));

  public static final Plan DEFAULT = TRIAL;

  private final String wire;
  private final Map<PlanLimit, Long> limits;

  Plan(String wire, Map<PlanLimit, Long> limits) {
    this.wire = wire;
    this.limits = Map.copyOf(limits);
  }

  public String wire() {
    return wire;
  }

  public long limit(PlanLimit limit) {
    return limits.get(limit);
  }

  public static Plan parse(String field, String wire) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst()
        .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of trial, starter, business, enterprise"));
  }

  /** A stored plan; an organization stored before plans existed is on the default plan. */
  static Plan stored(String wire) {
    return wire == null ? DEFAULT : parse("subscription_plan", wire);
  }
}
