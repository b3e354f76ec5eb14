package com.agenthub.shared.organizations;

import java.util.Map;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.util.Optional;

/** What an UpdateOrganization asks to change; absent fields stay as they are. */
public record OrganizationChanges(Optional<String> name, Optional<Map<String, Object>> settings, Optional<Plan> plan) {

  /** Settings are a client's JSON object; this bounds what one organization document carries. */
  public static final int MAX_SETTINGS_BYTES = 16 * 1024;

  public OrganizationChanges {
    if (name.isEmpty() && settings.isEmpty() && plan.isEmpty()) {
      throw ApiError.of(ErrorKind.UNPROCESSABLE, "nothing to change: send name, settings or subscription_plan");
    }
  }
}
