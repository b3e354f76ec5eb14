package com.agenthub.shared.adapter.memory;

import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.PublishException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A fake of the publishing port for unit tests: keeps every message per topic, in order. */
public final class InMemoryEventPublisher implements EventPublisher {

  private final Map<String, List<Message>> topics = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean available = true;

  /** Simulates a Pub/Sub outage: while unavailable every publish fails as the real one would. */
  public void setAvailable(boolean available) {
    this.available = available;
  }

  @Override
  public String publish(String topic, Message message) {
    if (!available) {
      throw new PublishException("no acknowledgement from Pub/Sub for " + topic, true, null);
    }
    if (message.data().length > MAX_MESSAGE_BYTES) {
      throw new PublishException("message exceeds " + MAX_MESSAGE_BYTES + " bytes", false, null);
    }
    List<Message> messages = topics.computeIfAbsent(topic, t -> new ArrayList<>());
    synchronized (messages) {
      messages.add(message);
    }
    return Long.toString(ids.incrementAndGet());
  }

  public List<Message> published(String topic) {
    List<Message> messages = topics.getOrDefault(topic, List.of());
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }
}
