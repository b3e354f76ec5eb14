package com.agenthub.functions.wiring;

import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.auth.Authenticator;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import com.agenthub.shared.organizations.ApiKeys;
import com.agenthub.shared.organizations.Organizations;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.google.cloud.firestore.FirestoreOptions;
import java.time.Clock;
import java.util.Optional;

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
    IdempotencyKeys idempotencyKeys) {

  public static Services over(DocumentStore store, Optional<String> platformAdminToken, Clock clock) {
    ApiKeys apiKeys = new ApiKeys(store, clock);
    Agents agents = new Agents(store, clock);
    return new Services(
        new Authenticator(store, platformAdminToken),
        new Organizations(store, apiKeys, clock),
        apiKeys,
        agents,
        new AgentCounters(store, agents),
        new IdempotencyKeys(store, clock));
  }

  public static Services production() {
    return Production.INSTANCE;
  }

  /** The holder idiom: the JVM builds INSTANCE once, lazily and thread-safely. */
  private static final class Production {
    static final Services INSTANCE = build();

    private static Services build() {
      FirestoreOptions.Builder firestore = FirestoreOptions.newBuilder().setProjectId(Settings.projectId());
      Settings.get(Settings.FIRESTORE_EMULATOR_HOST).ifPresent(firestore::setEmulatorHost);
      DocumentStore store = new FirestoreDocumentStore(firestore.build().getService());
      warmUp(store);
      return over(store, Settings.get(Settings.PLATFORM_ADMIN_TOKEN), Clock.systemUTC());
    }

    /**
     * Connects the gRPC channel and loads the read path in the background while the Functions
     * Framework is still starting its server, so the instance's first request does not pay for it.
     */
    private static void warmUp(DocumentStore store) {
      Thread warmUp = new Thread(() -> {
        try {
          store.get(DocumentPath.of("warmup", "ping"));
        } catch (RuntimeException ignored) {
          // Only a head start: the first real request will report any real problem.
        }
      }, "firestore-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
    }
  }
}
