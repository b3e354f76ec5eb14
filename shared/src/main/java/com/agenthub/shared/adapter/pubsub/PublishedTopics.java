package com.agenthub.shared.adapter.pubsub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells whoever listens in this JVM that messages were just published to a topic. The local dev
 * server's pull loops listen, so they pull at once instead of polling the emulator every few
 * milliseconds (in production nothing listens: Pub/Sub pushes).
 */
public final class PublishedTopics {

  private static final List<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();

  private PublishedTopics() {}

  /** Calls {@code listener} with the topic after every publish in this JVM, until the returned handle is closed. */
  public static AutoCloseable listen(Consumer<String> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  static void published(String topic) {
    for (Consumer<String> listener : LISTENERS) {
      listener.accept(topic);
    }
  }
}
