package com.agenthub.migrate.api;

import com.google.gson.JsonElement;
import java.util.Map;

/**
 * Whether the organization's plan can hold a snapshot's agents, asked before anything is written:
 * all of them must exist in the end, so a snapshot of more agents than the plan allows
 * (GetOrganization's {@code plan_limits.agents_per_organization}) can never be imported whole.
 * Agents of the organization that the snapshot does not have may still fill the plan during the
 * import; that, the API's 429 says when it happens. {@code message} says which, in words.
 */
public record PlanCheck(Verdict verdict, String message) {

  public enum Verdict { FITS, TOO_SMALL, NOT_CHECKED }

  static final String LIMIT = "agents_per_organization";

  public static PlanCheck of(PublicApi api, int agents) {
    if (agents == 0) {
      return new PlanCheck(Verdict.FITS, "no agents in the snapshot");
    }
    Answer organization = api.get("GetOrganization", Map.of());
    if (!organization.ok()) {
      return new PlanCheck(Verdict.NOT_CHECKED, "plan not checked: GetOrganization answered " + organization.status() + " ("
          + organization.errorMessage() + ")");
    }
    JsonElement limits = organization.object().get("plan_limits");
    if (limits == null || !limits.isJsonObject() || !limits.getAsJsonObject().has(LIMIT)) {
      return new PlanCheck(Verdict.NOT_CHECKED, "plan not checked: this API does not report plan_limits");
    }
    long limit = limits.getAsJsonObject().get(LIMIT).getAsLong();
    String plan = organization.object().has("subscription_plan") ? organization.object().get("subscription_plan").getAsString() : "?";
    if (agents > limit) {
      return new PlanCheck(Verdict.TOO_SMALL, "the snapshot holds " + agents + " agents; the organization's plan '" + plan + "' allows " + limit
          + " (" + LIMIT + "): move the organization to a larger plan first (README, Plans and their limits)");
    }
    return new PlanCheck(Verdict.FITS, "plan '" + plan + "' allows " + limit + " agents; the snapshot holds " + agents);
  }
}
