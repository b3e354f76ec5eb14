package com.agenthub.shared.agents;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.organizations.Names;
import java.util.Map;
import java.util.Optional;

/** A partial update of an agent: only the present fields change. Valid once constructed. */
public record AgentChanges(
    Optional<String> name,
    Optional<String> industry,
    Optional<Map<String, Object>> configuration,
    Optional<AgentStatus> status) {

  public AgentChanges {
    name = name.map(n -> Names.require("name", n));
    industry = industry.map(AgentFields::industry);
    configuration = configuration.map(AgentFields::configuration);
    if (name.isEmpty() && industry.isEmpty() && configuration.isEmpty() && status.isEmpty()) {
      throw ApiError.of(ErrorKind.UNPROCESSABLE,
          "nothing to update: give at least one of name, industry, configuration, status");
    }
  }
}
