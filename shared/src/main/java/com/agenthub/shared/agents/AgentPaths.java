package com.agenthub.shared.agents;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/** Where an organization's agents live; every path starts at the tenant's root. */
final class AgentPaths {

  private AgentPaths() {}

  static CollectionPath agents(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "agents");
  }

  static DocumentPath agent(String organizationId, String agentId) {
    return agents(organizationId).document(agentId);
  }

  /** Deleted agents move here whole: gone from gets and lists, their history kept. */
  static DocumentPath deletedAgent(String organizationId, String agentId) {
    return CollectionPath.of("organizations", organizationId, "deleted_agents").document(agentId);
  }

  static CollectionPath counterShards(String organizationId, String agentId) {
    return agent(organizationId, agentId).collection("counter_shards");
  }
}
