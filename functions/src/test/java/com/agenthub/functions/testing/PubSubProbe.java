package com.agenthub.functions.testing;

import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Waiting for asynchronous delivery, and reading a subscription as an operator would. */
public final class PubSubProbe {

  private PubSubProbe() {}

  /** Pulls (synchronously) and acks the first message on {@code subscription}, waiting up to {@code patience}. */
  public static ReceivedMessage pullOne(PubSubConnection connection, String subscription, Duration patience) {
    String name = ProjectSubscriptionName.format(connection.projectId(), subscription);
    try (SubscriptionAdminClient subscriptions = connection.subscriptionAdmin()) {
      ReceivedMessage received = await(() -> {
        @SuppressWarnings("deprecation") // returnImmediately: we poll
        List<ReceivedMessage> messages = subscriptions.pull(PullRequest.newBuilder()
            .setSubscription(name).setMaxMessages(1).setReturnImmediately(true).build()).getReceivedMessagesList();
        return messages.isEmpty() ? null : messages.get(0);
      }, patience, "a message on " + subscription);
      subscriptions.acknowledge(name, List.of(received.getAckId()));
      return received;
    }
  }

  /** Polls {@code probe} until it answers non-null; fails after {@code patience}. */
  public static <T> T await(Supplier<T> probe, Duration patience, String what) {
    Instant deadline = Instant.now().plus(patience);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + patience.toSeconds() + " s waiting for " + what);
  }
}
