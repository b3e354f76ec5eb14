package com.agenthub.shared.organizations;

/**
 * A limit every plan sets, by the name a 429 reports, and when it resets. Each limit's usage is
 * one field of the organization's usage document, changed in the same commit as what it counts.
 */
public enum PlanLimit {
  AGENTS("agents_per_organization", "agents", "it does not reset with time: delete agents or move to a larger plan");

  private final String wire;
  private final String usageField;
  private final String resets;

  PlanLimit(String wire, String usageField, String resets) {
    this.wire = wire;
    this.usageField = usageField;
    this.resets = resets;
  }

  public String wire() {
    return wire;
  }

  String usageField() {
    return usageField;
  }

  String resets() {
    return resets;
  }
}
