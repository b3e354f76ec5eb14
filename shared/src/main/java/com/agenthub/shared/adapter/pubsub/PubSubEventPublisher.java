package com.agenthub.shared.adapter.pubsub;

import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.PublishException;
import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import java.io.IOException;
import com.google.api.gax.batching.BatchingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The publishing port on the official Pub/Sub client; one Publisher per topic, created once. */
public final class PubSubEventPublisher implements EventPublisher, AutoCloseable {

  /** The emulator never completes the future of an oversize message; never wait unbounded. */
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
  /**
   * One publishAll (a commit's outbox records: up to 500) goes out as one request: thresholds
   * above its size (Pub/Sub takes up to 1,000 messages and 10 MB per request; an outbox record, a Firestore
   * document, is under 1 MiB, so a batch stays under 5 MB), flushed at once by
   * publishAllOutstanding; the delay only bounds how long concurrent callers' messages may wait.
   */
  private static final BatchingSettings BATCHING = BatchingSettings.newBuilder()
      .setElementCountThreshold(1000L)
      .setRequestByteThreshold(4L * 1024 * 1024)
      .setDelayThresholdDuration(Duration.ofMillis(1))
      .build();

  private final PubSubConnection connection;
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

  public PubSubEventPublisher(PubSubConnection connection) {
    this.connection = connection;
  }

  @Override
  public String publish(String topic, Message message) {
    return publishAll(topic, List.of(message)).get(0);
  }

  /** Hands every message to the client first, so its batching sends them together, then waits for each. */
  @Override
  public List<String> publishAll(String topic, List<Message> messages) {
    List<ApiFuture<String>> sent = new ArrayList<>();
    for (Message message : messages) {
      if (message.data().length > MAX_MESSAGE_BYTES) {
        throw new PublishException("message of " + message.data().length + " bytes exceeds "
            + MAX_MESSAGE_BYTES, false, null);
      }
    }
    for (Message message : messages) {
      PubsubMessage.Builder pubsubMessage = PubsubMessage.newBuilder()
          .setData(ByteString.copyFrom(message.data()))
          .putAllAttributes(message.attributes());
      message.orderingKey().ifPresent(pubsubMessage::setOrderingKey);
      sent.add(publisher(topic).publish(pubsubMessage.build()));
    }
    // The caller waits for these very messages: send them now, as one request, rather than after
    // the batching delay (and not split by the client's 1,000-byte default threshold).
    publisher(topic).publishAllOutstanding();
    List<String> ids = new ArrayList<>();
    for (ApiFuture<String> future : sent) {
      ids.add(await(topic, future));
    }
    PublishedTopics.published(topic);
    return ids;
  }

  private static String await(String topic, ApiFuture<String> future) {
    try {
      return future.get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing to " + topic, true, e);
    } catch (TimeoutException e) {
      throw new PublishException("no acknowledgement from Pub/Sub for " + topic, true, e);
    } catch (ExecutionException e) {
      boolean retryable = !(e.getCause() instanceof ApiException api) || api.isRetryable();
      throw new PublishException("publish to " + topic + " failed: " + e.getCause().getMessage(), retryable, e);
    }
  }

  private Publisher publisher(String topic) {
    return publishers.computeIfAbsent(topic, name -> {
      try {
        Publisher.Builder builder = Publisher.newBuilder(TopicName.of(connection.projectId(), name))
            .setEnableMessageOrdering(true)
            .setBatchingSettings(BATCHING);
        connection.channelProvider().ifPresent(builder::setChannelProvider);
        connection.credentialsProvider().ifPresent(builder::setCredentialsProvider);
        return builder.build();
      } catch (IOException e) {
        throw new PublishException("cannot create a publisher for " + name, true, e);
      }
    });
  }

  @Override
  public void close() {
    for (Publisher publisher : publishers.values()) {
      publisher.shutdown();
      try {
        publisher.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
