package com.agenthub.functions.wiring;

import com.agenthub.shared.port.EventPublisher;
import java.util.List;
import java.util.function.Supplier;

/**
 * Connects to Pub/Sub on first publish: a read-only function never publishes, and its cold start
 * should not load and build the Pub/Sub client.
 */
final class LazyEventPublisher implements EventPublisher {

  private final Lazy<EventPublisher> publisher;

  LazyEventPublisher(Supplier<EventPublisher> connect) {
    this.publisher = new Lazy<>(connect);
  }

  @Override
  public String publish(String topic, Message message) {
    return publisher.get().publish(topic, message);
  }

  @Override
  public List<String> publishAll(String topic, List<Message> messages) {
    return publisher.get().publishAll(topic, messages);
  }
}
