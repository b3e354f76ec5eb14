package com.agenthub.functions.local;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one subscription's messages, with their delivery attempts, to a receiver by unary pull,
 * acknowledging what it acks and handing back (deadline 0) what it nacks, so the emulator
 * redelivers with the subscription's backoff and dead-letters after its attempts. Unary pull, not
 * the client's streaming Subscriber: the emulator never answers the streaming keepalive, so the
 * client keeps closing its stream and the messages leased to a dropped stream wait out their whole
 * ack deadline. (Nor the emulator's own push: it sends no {@code deliveryAttempt}.)
 */
final class PullLoop implements Runnable {

  /** Takes one pulled message and, at once or later, acks or nacks it through {@code reply}. */
  @FunctionalInterface
  interface Receiver {
    void receive(ReceivedMessage received, AckReplyConsumer reply);
  }

  /**
   * Longest pause after an empty pull (the emulator answers an empty pull at once): a publish in
   * this JVM ({@link #wake}) ends it at once, so only messages from elsewhere — redeliveries after
   * a nack's backoff, another process's publishes — wait for it.
   */
  static final Duration IDLE = Duration.ofMillis(500);
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

  private final SubscriptionAdminClient admin;
  private final ProjectSubscriptionName subscription;
  private final Receiver receiver;
  private final int maxMessages;
  private final Duration timeout;
  private volatile boolean stopped;
  private final Semaphore woken = new Semaphore(0);

  PullLoop(SubscriptionAdminClient admin, ProjectSubscriptionName subscription, Receiver receiver,
      int maxMessages, Duration timeout) {
    this.admin = admin;
    this.subscription = subscription;
    this.receiver = receiver;
    this.maxMessages = maxMessages;
    this.timeout = timeout;
  }

  void stop() {
    stopped = true;
    wake();
  }

  /** Messages were just published to this loop's topic: pull now. */
  void wake() {
    if (woken.availablePermits() == 0) {
      woken.release();
    }
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        @SuppressWarnings("deprecation") // returnImmediately: we poll, so an idle pull must not block shutdown
        PullResponse response = admin.pullCallable().call(com.google.pubsub.v1.PullRequest.newBuilder()
            .setSubscription(subscription.toString()).setMaxMessages(maxMessages).setReturnImmediately(true).build());
        if (response.getReceivedMessagesCount() == 0) {
          awaitWake();
        } else {
          deliver(response.getReceivedMessagesList());
        }
      } catch (RuntimeException e) {
        if (!stopped) {
          System.err.println("topic-delivery: pulling " + subscription.getSubscription() + " failed: " + e.getMessage());
          pause(AFTER_FAILURE);
        }
      }
    }
  }

  /** Hands the batch to the receiver at once and settles each message as the receiver decides. */
  private void deliver(List<ReceivedMessage> batch) {
    List<String> acked = new ArrayList<>();
    List<String> nacked = new ArrayList<>();
    CountDownLatch settled = new CountDownLatch(batch.size());
    for (ReceivedMessage received : batch) {
      String ackId = received.getAckId();
      receiver.receive(received, new AckReplyConsumer() {
        @Override
        public void ack() {
          settle(acked, ackId, settled);
        }

        @Override
        public void nack() {
          settle(nacked, ackId, settled);
        }
      });
    }
    try {
      // A delivery still running past this lets its lease expire, which redelivers it: same as a nack.
      settled.await(timeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
    synchronized (acked) {
      if (!acked.isEmpty()) {
        admin.acknowledge(subscription.toString(), List.copyOf(acked));
      }
    }
    synchronized (nacked) {
      if (!nacked.isEmpty()) {
        admin.modifyAckDeadline(subscription.toString(), List.copyOf(nacked), 0);
      }
    }
  }

  private static void settle(List<String> outcome, String ackId, CountDownLatch settled) {
    synchronized (outcome) {
      outcome.add(ackId);
    }
    settled.countDown();
  }

  /** Until a publish wakes the loop, or {@link #IDLE} passes; a wake that came during the pull ends it at once. */
  private void awaitWake() {
    try {
      woken.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
      woken.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
