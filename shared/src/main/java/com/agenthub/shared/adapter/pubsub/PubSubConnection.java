package com.agenthub.shared.adapter.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * How to reach Pub/Sub: the service with default credentials, or an emulator. The Java client
 * ignores PUBSUB_EMULATOR_HOST, so for the emulator we hand it a plaintext channel and no
 * credentials ourselves.
 */
public final class PubSubConnection implements AutoCloseable {

  private final String projectId;
  private final Optional<ManagedChannel> emulatorChannel;

  private PubSubConnection(String projectId, Optional<ManagedChannel> emulatorChannel) {
    this.projectId = projectId;
    this.emulatorChannel = emulatorChannel;
  }

  public static PubSubConnection to(String projectId, Optional<String> emulatorHost) {
    return new PubSubConnection(projectId,
        emulatorHost.map(host -> ManagedChannelBuilder.forTarget(host).usePlaintext().build()));
  }

  public String projectId() {
    return projectId;
  }

  /** Empty means: the client's default (the real service). */
  public Optional<TransportChannelProvider> channelProvider() {
    return emulatorChannel.map(ch -> FixedTransportChannelProvider.create(GrpcTransportChannel.create(ch)));
  }

  public Optional<CredentialsProvider> credentialsProvider() {
    return emulatorChannel.map(ch -> NoCredentialsProvider.create());
  }

  public TopicAdminClient topicAdmin() {
    try {
      TopicAdminSettings.Builder settings = TopicAdminSettings.newBuilder();
      channelProvider().ifPresent(settings::setTransportChannelProvider);
      credentialsProvider().ifPresent(settings::setCredentialsProvider);
      return TopicAdminClient.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SubscriptionAdminClient subscriptionAdmin() {
    try {
      SubscriptionAdminSettings.Builder settings = SubscriptionAdminSettings.newBuilder();
      channelProvider().ifPresent(settings::setTransportChannelProvider);
      credentialsProvider().ifPresent(settings::setCredentialsProvider);
      return SubscriptionAdminClient.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    emulatorChannel.ifPresent(ManagedChannel::shutdown);
  }
}
