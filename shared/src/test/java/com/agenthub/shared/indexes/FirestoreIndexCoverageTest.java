package com.agenthub.shared.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.AgentFilter;
import com.agenthub.shared.agents.AgentStatus;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.agents.NewAgent;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.analytics.EventIntake;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.changes.OutboxRelay;
import com.agenthub.shared.changes.RelayingDocumentStore;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import com.agenthub.shared.indexes.FirestoreIndexDeclaration.CompositeIndex;
import com.agenthub.shared.indexes.FirestoreIndexDeclaration.TtlPolicy;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.ingestion.MessageIngestion;
import com.agenthub.shared.metrics.Metrics;
import com.agenthub.shared.metrics.MetricsQuery;
import com.agenthub.shared.organizations.ApiKeys;
import com.agenthub.shared.organizations.Organizations;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.payments.AgreeingProcessor;
import com.agenthub.shared.payments.CaptureMethod;
import com.agenthub.shared.payments.Currencies;
import com.agenthub.shared.payments.Ledger;
import com.agenthub.shared.payments.NewPaymentIntent;
import com.agenthub.shared.payments.PaymentIntentFilter;
import com.agenthub.shared.payments.PaymentIntents;
import com.agenthub.shared.payments.PaymentStatus;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Firestore emulator never asks for a composite index, the service fails the query: so every
 * query shape the use cases issue is checked against terraform/firestore/indexes.json here, and
 * every collection whose documents expire has its TTL policy. Add each new query to the scenario.
 */
class FirestoreIndexCoverageTest {

  /** The classes that issue queries; a new one must join the scenario below. */
  private static final Set<String> QUERYING_CLASSES = Set.of("Pager.java", "AgentCounters.java", "OutboxRelay.java",
      "Agents.java", "ApiKeys.java", "PaymentIntents.java", "Ledger.java");
  private static final Pattern ISSUES_A_QUERY = Pattern.compile("\\bstore\\.query\\(|\\bpager\\.page\\(");

  private final Clock clock = Clock.systemUTC();
  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final RecordingDocumentStore recorded = new RecordingDocumentStore(memory);

  @Test
  void everyQueryTheUseCasesIssueHasItsIndexDeclared() throws IOException {
    runEveryUseCase();
    FirestoreIndexDeclaration declaration = FirestoreIndexDeclaration.load();

    assertEquals(List.of(), missingIndexes(declaration, recorded.queries));
    assertTrue(recorded.queries.stream().anyMatch(q -> q.equalTo().size() == 2),
        "the scenario lists agents by status and industry together");
  }

  @Test
  void anIndexLeftOutOfTheDeclarationIsReported() throws IOException {
    runEveryUseCase();
    FirestoreIndexDeclaration full = FirestoreIndexDeclaration.load();
    CompositeIndex statusOnly = full.compositeIndexes().stream()
        .filter(index -> index.fields().size() == 2 && index.fields().get(0).field().equals("status"))
        .findFirst().orElseThrow();
    FirestoreIndexDeclaration seeded = new FirestoreIndexDeclaration(
        full.compositeIndexes().stream().filter(index -> index != statusOnly).toList(), full.ttlPolicies());

    assertEquals(List.of(statusOnly.toString()), missingIndexes(seeded, recorded.queries));
  }

  @Test
  void anIndexWithTheWrongOrderFieldDoesNotCount() {
    Query byStatus = Query.all(com.agenthub.shared.port.CollectionPath.of("organizations", "o1", "agents"), 10)
        .where("status", "active").orderBy("created_at");
    FirestoreIndexDeclaration seeded = FirestoreIndexDeclaration.parse("""
        {"composite_indexes": [{"collection_group": "agents", "fields": [
           {"field": "status", "order": "ASCENDING"}, {"field": "updated_at", "order": "ASCENDING"}]}],
         "ttl_policies": []}""");

    assertEquals(1, missingIndexes(seeded, List.of(byStatus)).size());
  }

  @Test
  void everyCollectionWhoseDocumentsExpireHasItsTtlPolicyAndNoPolicyIsStale() throws IOException {
    runEveryUseCase();
    Set<TtlPolicy> expiring = new java.util.HashSet<>();
    for (Write write : recorded.writes) {
      if (fields(write).containsKey("expires_at")) {
        List<String> parent = write.path().parent().segments();
        expiring.add(new TtlPolicy(parent.get(parent.size() - 1), "expires_at"));
      }
    }
    assertEquals(Set.of("idempotency_keys", "metrics_cache", "ingested_messages"),
        expiring.stream().map(TtlPolicy::collectionGroup).collect(java.util.stream.Collectors.toSet()),
        "the scenario writes every kind of expiring record");
    assertEquals(expiring, Set.copyOf(FirestoreIndexDeclaration.load().ttlPolicies()));
  }

  @Test
  void everyClassThatIssuesQueriesIsCoveredByTheScenario() throws IOException {
    Set<String> querying = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(source);
        // Stores and their decorators pass queries on; the use cases are what shape them.
        boolean store = source.toString().contains("/port/") || code.contains("implements DocumentStore");
        if (!store && ISSUES_A_QUERY.matcher(code).find()) {
          querying.add(source.getFileName().toString());
        }
      }
    }
    assertEquals(new TreeSet<>(QUERYING_CLASSES), querying,
        "a class that queries Firestore must be exercised by runEveryUseCase() (then add it to QUERYING_CLASSES)");
  }

  /** Every query shape and every expiring write the platform makes. */
  private void runEveryUseCase() {
    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    OutboxRelay relay = new OutboxRelay(recorded, publisher, clock);
    RelayingDocumentStore store = new RelayingDocumentStore(recorded, relay);
    ApiKeys apiKeys = new ApiKeys(store, clock);
    Agents agents = new Agents(store, clock);
    AgentCounters counters = new AgentCounters(store, agents, clock);

    String org = new Organizations(store, apiKeys, clock).create("Acme").organization().id();
    apiKeys.issue(org, "second");
    Page<?> firstKeys = apiKeys.list(org, new PageRequest(1, Optional.empty()));
    apiKeys.list(org, new PageRequest(1, firstKeys.nextPageToken()));

    String agent = null;
    for (String name : List.of("Ada", "Grace")) {
      agent = agents.create(org, new NewAgent(name, Optional.of("finance"), Map.of(), AgentStatus.ACTIVE)).id();
    }
    for (AgentFilter filter : List.of(
        new AgentFilter(Optional.empty(), Optional.empty()),
        new AgentFilter(Optional.of(AgentStatus.ACTIVE), Optional.empty()),
        new AgentFilter(Optional.empty(), Optional.of("finance")),
        new AgentFilter(Optional.of(AgentStatus.ACTIVE), Optional.of("finance")))) {
      Page<?> first = agents.list(org, filter, new PageRequest(1, Optional.empty()));
      agents.list(org, filter, new PageRequest(1, first.nextPageToken()));
    }
    counters.increment(org, agent, "messages", 2);
    counters.read(org, agent);
    relay.sweep(Duration.ZERO);

    new IdempotencyKeys(store, clock).claim(org, "CreateAgent", "key-1", "hash");
    new Metrics(store, new InMemoryWarehouse(), clock, Duration.ofSeconds(60))
        .daily(org, MetricsQuery.parse("2026-11-01", "2026-11-02", Optional.empty()));
    InMemoryEventPublisher events = new InMemoryEventPublisher();
    new EventIntake(events, clock).track(org, List.of(
        new NewEvent("chat.started", Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
    new MessageIngestion(store, new InMemoryWarehouse(), clock).ingest(new IncomingMessage("IngestAnalyticsEvents", "m-1",
        events.published(AnalyticsEventMessages.TOPIC).get(0).data(), Map.of()), AnalyticsEventMessages::decode);
    runPayments(store, org);
  }

  /** Payments: every list filter (first and next page), the ledger per organization and per intent, balances. */
  private void runPayments(RelayingDocumentStore store, String org) {
    AgreeingProcessor processor = new AgreeingProcessor().startingIn(PaymentStatus.SUCCEEDED);
    PaymentIntents intents = new PaymentIntents(store, processor, clock);
    String intent = null;
    for (int i = 0; i < 2; i++) {
      intent = intents.create(org, new NewPaymentIntent(1000, Currencies.require("currency", "usd"), CaptureMethod.AUTOMATIC,
          Optional.empty(), Optional.of("cus_1"), Map.of(), Optional.empty())).intent().id();
    }
    for (PaymentIntentFilter filter : List.of(
        new PaymentIntentFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
        new PaymentIntentFilter(Optional.of(PaymentStatus.SUCCEEDED), Optional.empty(), Optional.empty(), Optional.empty()),
        new PaymentIntentFilter(Optional.empty(), Optional.of("cus_1"), Optional.empty(), Optional.empty()),
        new PaymentIntentFilter(Optional.of(PaymentStatus.SUCCEEDED), Optional.of("cus_1"), Optional.empty(), Optional.empty()))) {
      Page<?> first = intents.list(org, filter, new PageRequest(1, Optional.empty()));
      intents.list(org, filter, new PageRequest(1, first.nextPageToken()));
    }
    Ledger ledger = new Ledger(store);
    for (Optional<String> of : List.of(Optional.<String>empty(), Optional.of(intent))) {
      Page<?> first = ledger.entries(org, of, new PageRequest(1, Optional.empty()));
      ledger.entries(org, of, new PageRequest(1, first.nextPageToken()));
    }
    ledger.balances(org);
  }

  private static List<String> missingIndexes(FirestoreIndexDeclaration declaration, List<Query> queries) {
    return queries.stream()
        .map(FirestoreIndexDeclaration::requiredBy)
        .flatMap(Optional::stream)
        .filter(required -> !declaration.declares(required))
        .map(CompositeIndex::toString)
        .distinct()
        .toList();
  }

  private static Map<String, Object> fields(Write write) {
    if (write instanceof Write.Create create) {
      return create.data();
    }
    if (write instanceof Write.Set set) {
      return set.data();
    }
    if (write instanceof Write.Update update) {
      return update.fields();
    }
    if (write instanceof Write.Increment increment) {
      return increment.fields();
    }
    return Map.of();
  }
}
