package com.agenthub.shared.adapter.memory;

import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.EventPublisherContract;
import java.util.List;

class InMemoryEventPublisherTest extends EventPublisherContract {
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

  @Override
  protected EventPublisher publisher() {
    return publisher;
  }

  @Override
  protected void createTopic(String topic) {}

  @Override
  protected List<EventPublisher.Message> received(String topic, int expected) {
    return publisher.published(topic);
  }
}
