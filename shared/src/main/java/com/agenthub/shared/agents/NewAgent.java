package com.agenthub.shared.agents;

import com.agenthub.shared.ids.ClientIds;
import com.agenthub.shared.organizations.Names;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request to create an agent; valid once constructed. A client-chosen {@code id} (a legacy id
 * kept through a migration, or for idempotent creation) makes a second create of the same agent
 * return the first; {@code openingCounters} are usage totals the agent starts with (a migrated
 * agent's legacy counters), counted once, in the same commit as the agent.
 */
public record NewAgent(Optional<String> id, String name, Optional<String> industry, Map<String, Object> configuration,
    AgentStatus status, Map<String, Long> openingCounters) {

  public NewAgent {
    id.ifPresent(value -> ClientIds.require("id", value));
    name = Names.require("name", name);
    industry = industry.map(AgentFields::industry);
    configuration = AgentFields.configuration(configuration);
    openingCounters.forEach(AgentCounters::requireOpening);
    openingCounters = Map.copyOf(new TreeMap<>(openingCounters));
  }

  public NewAgent(String name, Optional<String> industry, Map<String, Object> configuration, AgentStatus status) {
    this(Optional.empty(), name, industry, configuration, status, Map.of());
  }
}
