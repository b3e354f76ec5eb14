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
import com.agenthub.shared.conversations.ConversationFilter;
import com.agenthub.shared.conversations.ConversationMessages;
import com.agenthub.shared.conversations.ConversationSettings;
import com.agenthub.shared.conversations.ConversationStatus;
import com.agenthub.shared.conversations.Conversations;
import com.agenthub.shared.conversations.MessageRole;
import com.agenthub.shared.conversations.NewConversation;
import com.agenthub.shared.conversations.NewMessage;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.knowledge.Faqs;
import com.agenthub.shared.knowledge.NewFaq;
import com.agenthub.shared.port.Embedder;
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
import com.agenthub.shared.payments.PaymentReconciliation;
import com.agenthub.shared.payments.PaymentStatus;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
      "PlanQuotas.java", "Users.java", "Agents.java", "ApiKeys.java", "Conversations.java", "ConversationMessages.java",
      "Faqs.java", "Documents.java", "DocumentIndexer.java", "IndexingSweep.java", "PaymentIntents.java", "Ledger.java", "PaymentReconciliation.java", "PaymentEvents.java", "Tables.java",
      "RowService.java");
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
  void everyVectorQueryHasItsVectorIndexDeclaredAndALeftOutOneIsReported() throws IOException {
    runEveryUseCase();
    FirestoreIndexDeclaration declaration = FirestoreIndexDeclaration.load();
    List<FirestoreIndexDeclaration.VectorIndex> required = recorded.nearestQueries.stream()
        .map(FirestoreIndexDeclaration::requiredBy).distinct().toList();
    assertEquals(10, required.size(), "the scenario matches FAQs with and without a category, and searches chunks with"
        + " every combination of category, tags and document filters: " + required);
    assertEquals(List.of(), required.stream().filter(index -> !declaration.declares(index)).toList());

    FirestoreIndexDeclaration withoutCategory = new FirestoreIndexDeclaration(declaration.compositeIndexes(),
        declaration.ttlPolicies(), declaration.vectorIndexes().stream().filter(i -> !i.prefilterFields().contains("category")).toList());
    assertEquals(5, required.stream().filter(index -> !withoutCategory.declares(index)).count());
    // An index without the tags field does not serve a tags pre-filter, though its equalities match.
    FirestoreIndexDeclaration withoutTags = new FirestoreIndexDeclaration(declaration.compositeIndexes(),
        declaration.ttlPolicies(), declaration.vectorIndexes().stream().filter(i -> !i.arrayFields().contains("tags")).toList());
    List<FirestoreIndexDeclaration.VectorIndex> missingWithoutTags = required.stream().filter(index -> !withoutTags.declares(index)).toList();
    assertEquals(4, missingWithoutTags.size(), missingWithoutTags.toString());
    assertTrue(missingWithoutTags.stream().allMatch(index -> index.arrayFields().equals(java.util.Set.of("tags"))), missingWithoutTags.toString());
    FirestoreIndexDeclaration otherDimension = new FirestoreIndexDeclaration(declaration.compositeIndexes(),
        declaration.ttlPolicies(), declaration.vectorIndexes().stream().map(i -> new FirestoreIndexDeclaration.VectorIndex(
            i.collectionGroup(), i.prefilterFields(), i.arrayFields(), i.field(), 768)).toList());
    assertEquals(10, required.stream().filter(index -> !otherDimension.declares(index)).count(), "a wrong dimension serves nothing");
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
  void anAscendingIndexDoesNotServeADescendingQuery() {
    Query newestFirst = Query.all(com.agenthub.shared.port.CollectionPath.of("organizations", "o1", "agents"), 10)
        .where("status", "active").orderBy("created_at", Query.Direction.DESCENDING);
    FirestoreIndexDeclaration ascendingOnly = FirestoreIndexDeclaration.parse("""
        {"composite_indexes": [{"collection_group": "agents", "fields": [
           {"field": "status", "order": "ASCENDING"}, {"field": "created_at", "order": "ASCENDING"}]}],
         "ttl_policies": []}""");

    assertEquals(List.of("agents[status ASCENDING, created_at DESCENDING]"), missingIndexes(ascendingOnly, List.of(newestFirst)));
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
    assertEquals(Set.of("idempotency_keys", "metrics_cache", "ingested_messages", "messages", "client_message_ids"),
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
    com.agenthub.shared.organizations.Users users = new com.agenthub.shared.organizations.Users(store, clock);
    users.create(org, new com.agenthub.shared.organizations.NewUser("a@example.com", "A",
        com.agenthub.shared.auth.Role.OWNER, Optional.empty()), com.agenthub.shared.auth.Principal.organization(org, "k"));
    users.create(org, new com.agenthub.shared.organizations.NewUser("b@example.com", "B",
        com.agenthub.shared.auth.Role.VIEWER, Optional.empty()), com.agenthub.shared.auth.Principal.organization(org, "k"));
    Page<?> firstUsers = users.list(org, new PageRequest(1, Optional.empty()));
    users.list(org, new PageRequest(1, firstUsers.nextPageToken()));
    // An organization from before plan limits: its first agent counts the agents it already has.
    agents.create("LegacyOrganization00", new NewAgent("legacy", Optional.empty(), Map.of(), AgentStatus.ACTIVE));
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
    runConversations(store, agents, counters, org, agent);
    runFaqs(store, org);
    runDocuments(store, org);
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
    runTables(store, org);
  }

  @Test
  void everyQueryShapeThePlannerAcceptsHasItsIndexDeclaredAndOthersAreRefused() throws IOException {
    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    RelayingDocumentStore store = new RelayingDocumentStore(recorded, new OutboxRelay(recorded, publisher, clock));
    int accepted = runTables(store, "o1");
    assertEquals(List.of(), missingIndexes(FirestoreIndexDeclaration.load(), recorded.queries));
    // Every subset of equality columns with no order, a ranged order or an order on each other column, both ways.
    assertTrue(accepted > 16 * 8, "the scenario runs every accepted shape: " + accepted);
    assertTrue(recorded.queries.stream().anyMatch(q -> q.equalTo().size() + q.in().size() == 3 && q.orderBy().isPresent()
        && q.descending() && q.notEqual().isPresent()), "three equalities (one an in) with a descending not-equal range");
  }

  @Test
  void aSlotIndexLeftOutOfTheDeclarationIsReported() throws IOException {
    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    RelayingDocumentStore store = new RelayingDocumentStore(recorded, new OutboxRelay(recorded, publisher, clock));
    runTables(store, "o1");
    FirestoreIndexDeclaration full = FirestoreIndexDeclaration.load();
    CompositeIndex dropped = full.compositeIndexes().stream()
        .filter(index -> index.collectionGroup().equals("table_rows") && index.fields().size() == 4
            && index.fields().get(3).order().equals("DESCENDING"))
        .findFirst().orElseThrow();
    FirestoreIndexDeclaration seeded = new FirestoreIndexDeclaration(
        full.compositeIndexes().stream().filter(index -> index != dropped).toList(), full.ttlPolicies());
    assertEquals(List.of(dropped.toString()), missingIndexes(seeded, recorded.queries));
  }

  /**
   * Tenant tables: every query shape the planner accepts over a table with four indexed columns
   * (the most a table has) — each set of equality columns (eq, in, is_null), then no order, an
   * order, or a range that orders, on each other column, both directions, first and next page,
   * counted — and the shapes it must refuse. Returns how many accepted queries ran.
   */
  private int runTables(RelayingDocumentStore store, String org) {
    com.agenthub.shared.tables.Tables tables = new com.agenthub.shared.tables.Tables(store, clock);
    com.agenthub.shared.tables.RowService rows = new com.agenthub.shared.tables.RowService(store, tables, clock);
    List<String> columns = List.of("s", "n", "d", "t");
    tables.create(org, new com.agenthub.shared.tables.NewTable("shapes", List.of(
        column("s", com.agenthub.shared.tables.ColumnType.STRING, true),
        column("n", com.agenthub.shared.tables.ColumnType.INTEGER, true),
        column("d", com.agenthub.shared.tables.ColumnType.NUMBER, true),
        column("t", com.agenthub.shared.tables.ColumnType.TIMESTAMP, true),
        column("u", com.agenthub.shared.tables.ColumnType.STRING, false)), Optional.empty()));
    Map<String, com.google.gson.JsonElement> sample = Map.of("s", new com.google.gson.JsonPrimitive("x"),
        "n", new com.google.gson.JsonPrimitive(1), "d", new com.google.gson.JsonPrimitive(1.5),
        "t", new com.google.gson.JsonPrimitive("2026-11-28T00:00:00Z"));
    List<com.google.gson.JsonObject> inserted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      com.google.gson.JsonObject row = new com.google.gson.JsonObject();
      sample.forEach(row::add);
      inserted.add(row);
    }
    rows.insert(org, "shapes", inserted);
    int accepted = 0;
    for (int mask = 0; mask < 16; mask++) {
      for (boolean withIn : List.of(false, true)) {
        List<com.agenthub.shared.tables.RowFilter> equalities = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          String name = columns.get(c);
          if ((mask & (1 << c)) == 0) {
            others.add(name);
          } else if (withIn && equalities.stream().noneMatch(f -> f.op() == com.agenthub.shared.tables.RowFilter.Op.IN)) {
            com.google.gson.JsonArray values = new com.google.gson.JsonArray();
            values.add(sample.get(name));
            equalities.add(new com.agenthub.shared.tables.RowFilter(name, com.agenthub.shared.tables.RowFilter.Op.IN, values));
          } else {
            equalities.add(new com.agenthub.shared.tables.RowFilter(name,
                c % 2 == 0 ? com.agenthub.shared.tables.RowFilter.Op.EQ : com.agenthub.shared.tables.RowFilter.Op.IS_NULL,
                c % 2 == 0 ? sample.get(name) : new com.google.gson.JsonPrimitive(true)));
          }
        }
        accepted += runShape(rows, org, equalities, Optional.empty());
        for (String other : others) {
          for (boolean descending : List.of(false, true)) {
            com.agenthub.shared.tables.RowOrder order = new com.agenthub.shared.tables.RowOrder(other, descending);
            accepted += runShape(rows, org, equalities, Optional.of(order));
            List<com.agenthub.shared.tables.RowFilter> ranged = new ArrayList<>(equalities);
            ranged.add(new com.agenthub.shared.tables.RowFilter(other, com.agenthub.shared.tables.RowFilter.Op.GTE, sample.get(other)));
            ranged.add(new com.agenthub.shared.tables.RowFilter(other, com.agenthub.shared.tables.RowFilter.Op.NEQ, sample.get(other)));
            accepted += runShape(rows, org, ranged, Optional.of(order));
            List<com.agenthub.shared.tables.RowFilter> notNull = new ArrayList<>(equalities);
            notNull.add(new com.agenthub.shared.tables.RowFilter(other, com.agenthub.shared.tables.RowFilter.Op.IS_NULL,
                new com.google.gson.JsonPrimitive(false)));
            accepted += runShape(rows, org, notNull, descending ? Optional.of(order) : Optional.empty());
          }
        }
      }
      rows.deleteWhere(org, "shapes", List.of(new com.agenthub.shared.tables.RowFilter("s", com.agenthub.shared.tables.RowFilter.Op.EQ,
          new com.google.gson.JsonPrimitive("none"))));
    }
    // Refused: ranges on two columns, an order other than the range's column, an unindexed column.
    for (List<com.agenthub.shared.tables.RowFilter> refused : List.of(
        List.of(new com.agenthub.shared.tables.RowFilter("s", com.agenthub.shared.tables.RowFilter.Op.GT, sample.get("s")),
            new com.agenthub.shared.tables.RowFilter("n", com.agenthub.shared.tables.RowFilter.Op.LT, sample.get("n"))),
        List.of(new com.agenthub.shared.tables.RowFilter("u", com.agenthub.shared.tables.RowFilter.Op.EQ, sample.get("s"))))) {
      assertRefused(() -> rows.query(org, "shapes", new com.agenthub.shared.tables.RowQuery(refused, Optional.empty(), List.of(), 10,
          Optional.empty(), false)));
    }
    assertRefused(() -> rows.query(org, "shapes", new com.agenthub.shared.tables.RowQuery(
        List.of(new com.agenthub.shared.tables.RowFilter("s", com.agenthub.shared.tables.RowFilter.Op.GT, sample.get("s"))),
        Optional.of(new com.agenthub.shared.tables.RowOrder("n", false)), List.of(), 10, Optional.empty(), false)));
    tables.list(org, new PageRequest(1, Optional.empty()));
    tables.alter(org, "shapes", new com.agenthub.shared.tables.TableAlteration(Map.of(), List.of(),
        List.of(new com.agenthub.shared.tables.NewColumn("extra", com.agenthub.shared.tables.ColumnType.STRING, false,
            Optional.of("x"), false, false))), Optional.empty());
    tables.delete(org, "shapes", Optional.empty(), Duration.ZERO);
    tables.sweepDeletions(Duration.ofSeconds(5));
    return accepted;
  }

  private static com.agenthub.shared.tables.NewColumn column(String name, com.agenthub.shared.tables.ColumnType type, boolean indexed) {
    return new com.agenthub.shared.tables.NewColumn(name, type, false, Optional.empty(), false, indexed);
  }

  /** First and next page of one shape, with its count. */
  private static int runShape(com.agenthub.shared.tables.RowService rows, String org, List<com.agenthub.shared.tables.RowFilter> filters,
      Optional<com.agenthub.shared.tables.RowOrder> order) {
    var first = rows.query(org, "shapes", new com.agenthub.shared.tables.RowQuery(filters, order, List.of(), 1, Optional.empty(), true));
    first.nextPageToken().ifPresent(token -> rows.query(org, "shapes",
        new com.agenthub.shared.tables.RowQuery(filters, order, List.of(), 1, Optional.of(token), false)));
    return 1;
  }

  private static void assertRefused(Runnable query) {
    com.agenthub.shared.errors.ApiError refused = org.junit.jupiter.api.Assertions.assertThrows(
        com.agenthub.shared.errors.ApiError.class, query::run);
    assertEquals(com.agenthub.shared.errors.ErrorKind.INVALID_ARGUMENT, refused.kind());
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
        new PaymentIntentFilter(Optional.of(PaymentStatus.SUCCEEDED), Optional.of("cus_1"), Optional.empty(), Optional.empty()),
        new PaymentIntentFilter(Optional.empty(), Optional.empty(), Optional.of(java.time.Instant.EPOCH), Optional.empty()),
        new PaymentIntentFilter(Optional.of(PaymentStatus.SUCCEEDED), Optional.empty(), Optional.of(java.time.Instant.EPOCH),
            Optional.of(java.time.Instant.now().plusSeconds(60))),
        new PaymentIntentFilter(Optional.of(PaymentStatus.SUCCEEDED), Optional.of("cus_1"), Optional.empty(),
            Optional.of(java.time.Instant.now().plusSeconds(60))))) {
      Page<?> first = intents.list(org, filter, new PageRequest(1, Optional.empty()));
      intents.list(org, filter, new PageRequest(1, first.nextPageToken()));
    }
    Ledger ledger = new Ledger(store);
    for (Optional<String> of : List.of(Optional.<String>empty(), Optional.of(intent))) {
      Page<?> first = ledger.entries(org, of, new PageRequest(1, Optional.empty()));
      ledger.entries(org, of, new PageRequest(1, first.nextPageToken()));
    }
    ledger.balances(org);
    processor.startingIn(PaymentStatus.PROCESSING);
    intents.create(org, new NewPaymentIntent(1000, Currencies.require("currency", "usd"), CaptureMethod.AUTOMATIC,
        Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
    assertEquals(1, new PaymentReconciliation(store, processor, clock).reconcile(Duration.ZERO).drifted());
  }

  /** FAQs: lists with and without a category, matches with and without one (vector queries). */
  private void runFaqs(RelayingDocumentStore store, String org) {
    Faqs faqs = new Faqs(store, new Embeddings(store, new FixedEmbedder(), clock), clock);
    faqs.create(org, new NewFaq("How do I reset my password?", "Use the link on the sign-in page.", "account", List.of()));
    faqs.create(org, new NewFaq("Where is my order?", "See the orders page.", null, List.of("orders")));
    for (Optional<String> category : List.of(Optional.<String>empty(), Optional.of("account"))) {
      Page<?> first = faqs.list(org, category, new PageRequest(1, Optional.empty()));
      faqs.list(org, category, new PageRequest(1, first.nextPageToken()));
      faqs.match(org, "forgot my password", 3, category);
    }
  }

  /** Documents listed by every combination of filters, indexed, searched in every mode with every filter, updated, deleted. */
  private void runDocuments(RelayingDocumentStore store, String org) {
    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    Embeddings embeddings = new Embeddings(store, new FixedEmbedder(), clock);
    com.agenthub.shared.knowledge.DocumentIndexer indexer = new com.agenthub.shared.knowledge.DocumentIndexer(store, embeddings,
        new com.agenthub.shared.knowledge.Chunker(String::length, 8), clock);
    com.agenthub.shared.knowledge.Documents documents = new com.agenthub.shared.knowledge.Documents(store, publisher, indexer, clock);
    String id = documents.create(org, new com.agenthub.shared.knowledge.NewDocument("Handbook", "Travel is booked in the portal.",
        "hr", List.of("travel"), Map.of(), 0, Optional.empty())).id();
    documents.create(org, new com.agenthub.shared.knowledge.NewDocument("Other", "Expenses are filed weekly.", null, List.of(),
        Map.of(), 0, Optional.empty()));
    indexer.index(org, id, 1, Duration.ofMinutes(1));
    for (int mask = 0; mask < 8; mask++) {
      Optional<String> category = (mask & 1) != 0 ? Optional.of("hr") : Optional.empty();
      Optional<String> status = (mask & 2) != 0 ? Optional.of("ready") : Optional.empty();
      Optional<String> tag = (mask & 4) != 0 ? Optional.of("travel") : Optional.empty();
      Page<?> first = documents.list(org, category, tag, status, new PageRequest(1, Optional.empty()));
      documents.list(org, category, tag, status, new PageRequest(1, first.nextPageToken()));
    }
    com.agenthub.shared.knowledge.KnowledgeSearch search = new com.agenthub.shared.knowledge.KnowledgeSearch(store, embeddings, clock,
        false);
    for (com.agenthub.shared.knowledge.SearchMode mode : com.agenthub.shared.knowledge.SearchMode.values()) {
      for (int mask = 0; mask < 8; mask++) {
        search.search(org, new com.agenthub.shared.knowledge.SearchRequest("booked travel", 5, mode,
            (mask & 1) != 0 ? Optional.of("hr") : Optional.empty(), (mask & 2) != 0 ? List.of("travel") : List.of(),
            (mask & 4) != 0 ? List.of(id) : List.of()));
      }
    }
    documents.update(org, id, new com.agenthub.shared.knowledge.DocumentChanges(Optional.empty(), Optional.of("Travel changed."),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty()), Optional.empty());
    indexer.index(org, id, 2, Duration.ofMinutes(1));
    documents.delete(org, id, Optional.empty(), Duration.ofMinutes(1));
    // The other document's request was never delivered: the sweep finds it.
    new com.agenthub.shared.knowledge.IndexingSweep(store, publisher, clock).sweep(Duration.ZERO);
  }

  /** A model stand-in: 384 dimensions, like the real one, whose vector is the text's length. */
  private static final class FixedEmbedder implements Embedder {
    @Override
    public Model model() {
      return new Model("fixed", 384);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(text -> {
        float[] vector = new float[384];
        vector[0] = text.length();
        vector[1] = 1;
        return vector;
      }).toList();
    }
  }

  /** Every list shape of conversations (each filter combination, both page directions of messages) and retention. */
  private void runConversations(RelayingDocumentStore store, Agents agents, AgentCounters counters, String org, String agent) {
    Conversations conversations = new Conversations(store, agents, counters, clock);
    ConversationMessages messages = new ConversationMessages(store, conversations, counters, clock);
    new ConversationSettings(store, clock).setMessageRetentionDays(org, Optional.of(30L));
    String conversation = null;
    for (String user : List.of("u1", "u2")) {
      conversation = conversations.create(org, new NewConversation(Optional.empty(), agent, Optional.of(user), Optional.empty(),
          Map.of())).conversation().id();
    }
    messages.append(org, conversation, List.of(
        new NewMessage(MessageRole.USER, "hi", Optional.empty(), Optional.empty(), 1, 0, Optional.empty(), Optional.empty(),
            Optional.of("m-1")),
        new NewMessage(MessageRole.ASSISTANT, "hello", Optional.empty(), Optional.empty(), 0, 2, Optional.empty(), Optional.empty(),
            Optional.empty())), Optional.empty());
    for (boolean descending : List.of(false, true)) {
      for (Optional<Long> after : List.of(Optional.<Long>empty(), Optional.of(0L))) {
        Page<?> first = messages.list(org, conversation, descending, after, new PageRequest(1, Optional.empty()));
        messages.list(org, conversation, descending, after, new PageRequest(1, first.nextPageToken()));
      }
    }
    for (Optional<String> byAgent : List.of(Optional.<String>empty(), Optional.of(agent))) {
      for (Optional<String> byUser : List.of(Optional.<String>empty(), Optional.of("u1"))) {
        for (Optional<ConversationStatus> byStatus : List.of(Optional.<ConversationStatus>empty(), Optional.of(ConversationStatus.OPEN))) {
          ConversationFilter filter = new ConversationFilter(byAgent, byUser, byStatus);
          Page<?> first = conversations.list(org, filter, new PageRequest(1, Optional.empty()));
          conversations.list(org, filter, new PageRequest(1, first.nextPageToken()));
        }
      }
    }
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
    if (write instanceof Write.MergeMap merge) {
      return merge.put();
    }
    return Map.of();
  }
}
