package com.agenthub.functions.wiring;

import com.agenthub.shared.adapter.bigquery.BigQueryWarehouse;
import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.analytics.EventHistory;
import com.agenthub.shared.analytics.EventIntake;
import com.agenthub.shared.auth.Authenticator;
import com.agenthub.shared.auth.VerifiedKeys;
import com.agenthub.shared.changes.AfterCommitDocumentStore;
import com.agenthub.shared.changes.OutboxRelay;
import com.agenthub.shared.changes.RelayingDocumentStore;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import com.agenthub.shared.ingestion.MessageIngestion;
import com.agenthub.shared.metrics.Metrics;
import com.agenthub.shared.organizations.ApiKeys;
import com.agenthub.shared.organizations.Organizations;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse;
import com.google.cloud.firestore.FirestoreOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The use cases and what they run on. Function classes' no-arg constructors use
 * {@link #production()}: built on first use and shared by every request of the instance, so
 * clients are created once per instance, never per request. Everything in it is thread-safe.
 */
public record Services(
    Authenticator authenticator,
    Organizations organizations,
    ApiKeys apiKeys,
    Agents agents,
    AgentCounters agentCounters,
    IdempotencyKeys idempotencyKeys,
    EventIntake eventIntake,
    EventHistory eventHistory,
    MessageIngestion ingestion,
    Metrics metrics,
    OutboxRelay outboxRelay,
    ConversationServices conversations,
    PaymentServices payments,
    KnowledgeServices knowledge,
    UserServices users,
    TableServices tables) {

  /** What the use cases run on, and the settings that shape them. */
  public record Backends(DocumentStore store, EventPublisher publisher, Warehouse warehouse, Embedder embedder,
      Optional<String> platformAdminToken, Clock clock, Duration metricsCacheTtl, Duration apiKeyCacheTtl) {

    /** No API-key cache; the in-process embedding model, built on first use. */
    public Backends(DocumentStore store, EventPublisher publisher, Warehouse warehouse, Optional<String> platformAdminToken,
        Clock clock, Duration metricsCacheTtl) {
      this(store, publisher, warehouse, new LazyEmbedder(Services::miniLm), platformAdminToken, clock, metricsCacheTtl,
          Duration.ZERO);
    }
  }

  /**
   * Every use case over the given backends. Their store relays outbox records right after each
   * commit, so every change they commit reaches the warehouse without each use case asking.
   */
  public static Services over(Backends backends) {
    Clock clock = backends.clock();
    OutboxRelay relay = new OutboxRelay(backends.store(), backends.publisher(), clock);
    VerifiedKeys verifiedKeys = new VerifiedKeys(backends.apiKeyCacheTtl());
    // A key changed here is forgotten here as soon as its commit succeeds, before the relay publishes.
    DocumentStore store = new RelayingDocumentStore(
        new AfterCommitDocumentStore(backends.store(), verifiedKeys::forgetChanged), relay);
    ApiKeys apiKeys = new ApiKeys(store, clock);
    Agents agents = new Agents(store, clock);
    AgentCounters agentCounters = new AgentCounters(store, agents, clock);
    return new Services(
        new Authenticator(store, backends.platformAdminToken(), verifiedKeys),
        new Organizations(store, apiKeys, clock),
        apiKeys,
        agents,
        agentCounters,
        new IdempotencyKeys(store, clock),
        new EventIntake(backends.publisher(), clock),
        new EventHistory(backends.warehouse(), clock),
        new MessageIngestion(store, backends.warehouse(), clock),
        new Metrics(store, backends.warehouse(), clock, backends.metricsCacheTtl()),
        relay,
        ConversationServices.over(store, agents, agentCounters, clock),
        PaymentServices.over(store, clock, () -> PaymentGateway.processor(clock), () -> PaymentGateway.verifier(clock)),
        KnowledgeServices.over(store, backends.embedder(), backends.publisher(), clock),
        UserServices.over(store, clock),
        TableServices.over(store, clock));
  }

  /**
   * The in-process model. Not {@code MiniLmEmbedder::new}: resolving that reference loads the
   * class and with it langchain4j, which the lean deploy jar does not have (LeanPackageTest).
   */
  private static Embedder miniLm() {
    return new MiniLmEmbedder();
  }

  /** The configured model (EmbeddingModels), for production; a method for the same reason as {@link #miniLm()}. */
  private static Embedder configuredModel() {
    return EmbeddingModels.configured();
  }

  public static Services production() {
    return Production.INSTANCE;
  }

  /**
   * Production's shape over {@code store}: every other client is connected on its first use, so an
   * instance builds only what its function calls (a read-only function never builds a Pub/Sub
   * publisher or the embedding model). Settings come from {@link Settings}.
   */
  static Services connectedOnUse(DocumentStore store, Supplier<EventPublisher> publisher, Supplier<Warehouse> warehouse,
      Supplier<Embedder> embedder) {
    return over(new Backends(store, new LazyEventPublisher(publisher), new LazyWarehouse(warehouse),
        new LazyEmbedder(embedder), Settings.get(Settings.PLATFORM_ADMIN_TOKEN), Clock.systemUTC(),
        Settings.metricsCacheTtl(), Settings.apiKeyCacheTtl()));
  }

  /** The holder idiom: the JVM builds INSTANCE once, lazily and thread-safely. */
  private static final class Production {
    static final Services INSTANCE = build();

    private static Services build() {
      DocumentStore store = new BackgroundConnectedStore(() -> {
        FirestoreOptions.Builder firestore = FirestoreOptions.newBuilder().setProjectId(Settings.projectId());
        Settings.get(Settings.FIRESTORE_EMULATOR_HOST).ifPresent(firestore::setEmulatorHost);
        return new FirestoreDocumentStore(firestore.build().getService());
      }, DocumentPath.of("warmup", "ping"));
      return connectedOnUse(store,
          () -> new PubSubEventPublisher(PubSubConnection.to(Settings.projectId(), Settings.get(Settings.PUBSUB_EMULATOR_HOST))),
          () -> BigQueryWarehouse.connect(Settings.projectId(), Settings.get(Settings.BIGQUERY_EMULATOR_HOST)),
          Services::configuredModel);
    }
  }
}
