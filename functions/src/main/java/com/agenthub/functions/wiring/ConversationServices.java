package com.agenthub.functions.wiring;

import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.conversations.ConversationMessages;
import com.agenthub.shared.conversations.ConversationSettings;
import com.agenthub.shared.conversations.Conversations;
import com.agenthub.shared.port.DocumentStore;
import java.time.Clock;

/** The Conversations service's use cases: its own wiring, composed into {@link Services}. */
public record ConversationServices(Conversations conversations, ConversationMessages messages, ConversationSettings settings) {

  /** Over the relaying store, so every conversation change reaches the warehouse; usage goes to the agents' counters. */
  static ConversationServices over(DocumentStore store, Agents agents, AgentCounters counters, Clock clock) {
    Conversations conversations = new Conversations(store, agents, counters, clock);
    return new ConversationServices(conversations,
        new ConversationMessages(store, conversations, counters, clock),
        new ConversationSettings(store, clock));
  }
}
