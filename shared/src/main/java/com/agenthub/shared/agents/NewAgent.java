package com.agenthub.shared.agents;

import com.agenthub.shared.organizations.Names;
import java.util.Map;
import java.util.Optional;

/** A request to create an agent; valid once constructed. */
public record NewAgent(String name, Optional<String> industry, Map<String, Object> configuration, AgentStatus status) {

  public NewAgent {
    name = Names.require("name", name);
    industry = industry.map(AgentFields::industry);
    configuration = AgentFields.configuration(configuration);
  }
}
