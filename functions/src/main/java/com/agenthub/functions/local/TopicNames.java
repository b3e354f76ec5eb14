package com.agenthub.functions.local;

/**
 * The naming rules of topic-triggered delivery, in one place; Terraform mirrors them.
 * A function's subscription is {@code <Function>-sub}; a topic's failed messages go to
 * {@code <topic>-dead-letter}, read through {@code <topic>-dead-letter-sub} (a topic without a
 * subscription drops what it receives).
 */
public final class TopicNames {

  private TopicNames() {}

  /** The subscription through which {@code functionName} consumes its topic. */
  public static String subscription(String functionName) {
    return functionName + "-sub";
  }

  public static String deadLetterTopic(String topic) {
    return topic + "-dead-letter";
  }

  public static String deadLetterSubscription(String topic) {
    return deadLetterTopic(topic) + "-sub";
  }
}
