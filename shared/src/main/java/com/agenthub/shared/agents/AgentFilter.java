package com.agenthub.shared.agents;

import java.util.Optional;

/** Which agents a list shows; both filters are exact matches. */
public record AgentFilter(Optional<AgentStatus> status, Optional<String> industry) {

  public AgentFilter {
    // Stored industries are trimmed; a filter must match them the same way.
    industry = industry.map(AgentFields::industry);
  }
}
