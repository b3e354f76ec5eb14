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
    List<String> ids = new ArrayList<>();
    for (ApiFuture<String> future : sent) {
      ids.add(await(topic, future));
    }
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
            .setEnableMessageOrdering(true);
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
