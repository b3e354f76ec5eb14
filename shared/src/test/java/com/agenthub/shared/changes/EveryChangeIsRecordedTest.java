package com.agenthub.shared.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.agents.AgentChanges;
import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.AgentStatus;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.agents.NewAgent;
import com.agenthub.shared.conversations.ConversationMessages;
import com.agenthub.shared.conversations.ConversationSettings;
import com.agenthub.shared.conversations.Conversations;
import com.agenthub.shared.conversations.MessageRole;
import com.agenthub.shared.conversations.NewConversation;
import com.agenthub.shared.conversations.NewMessage;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.knowledge.FaqChanges;
import com.agenthub.shared.knowledge.Faqs;
import com.agenthub.shared.knowledge.NewFaq;
import com.agenthub.shared.organizations.ApiKeys;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.payments.AgreeingProcessor;
import com.agenthub.shared.payments.CaptureMethod;
import com.agenthub.shared.payments.Currencies;
import com.agenthub.shared.payments.NewPaymentIntent;
import com.agenthub.shared.payments.PaymentActions;
import com.agenthub.shared.payments.PaymentEvents;
import com.agenthub.shared.payments.PaymentIntent;
import com.agenthub.shared.payments.PaymentIntents;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.PaymentReconciliation;
import com.agenthub.shared.payments.PaymentStatus;
import com.agenthub.shared.payments.ProcessorEvent;
import com.agenthub.shared.organizations.Organizations;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No state change without its change record: every commit the use cases make that touches
 * platform state also writes an outbox record, in the same atomic commit. Add each new use case
 * to the scenario below.
 */
class EveryChangeIsRecordedTest {

  /** Collections that hold machinery, not platform state: writing them is not a change to record. */
  private static final Set<String> NOT_STATE = Set.of("outbox", "idempotency_keys", "metrics_cache", "ingested_messages",
      // Delivery markers of processor events (applied or not): machinery like ingested_messages.
      "payment_events", "unmatched_payment_events",
      // Derived data: a vector is a function of (model, text), recomputable at any time; the keyword
      // index's postings and corpus statistics are functions of the chunks.
      "embeddings_cache", "knowledge_terms", "knowledge_stats",
      // Bookkeeping of a table deletion in progress (what the sweep still has to check), and of
      // index requests still owed (what the indexing sweep checks).
      "table_deletions", "knowledge_pending_indexing");

  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final List<List<Write>> commits = new ArrayList<>();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final Clock clock = Clock.systemUTC();

  @Test
  void everyUseCaseCommitCarriesItsChangeRecord() {
    DocumentStore store = new RelayingDocumentStore(new AfterCommitDocumentStore(memory, commits::add),
        new OutboxRelay(memory, publisher, clock));
    ApiKeys apiKeys = new ApiKeys(store, clock);
    Agents agents = new Agents(store, clock);
    AgentCounters counters = new AgentCounters(store, agents, clock);

    String org = new Organizations(store, apiKeys, clock).create("Acme").organization().id();
    String key = apiKeys.issue(org, "ci").key().id();
    apiKeys.revoke(org, key);
    String agent = agents.create(org, new NewAgent("Ada", Optional.empty(), Map.of(), AgentStatus.ACTIVE)).id();
    agents.update(org, agent, new AgentChanges(Optional.of("Ada 2"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
    counters.increment(org, agent, "messages", 3);
    Conversations conversations = new Conversations(store, agents, counters, clock);
    new ConversationSettings(store, clock).setMessageRetentionDays(org, Optional.of(7L));
    String conversation = conversations.create(org,
        new NewConversation(Optional.of("c-1"), agent, Optional.empty(), Optional.empty(), Map.of())).conversation().id();
    new ConversationMessages(store, conversations, counters, clock).append(org, conversation, List.of(
        new NewMessage(MessageRole.USER, "hi", Optional.empty(), Optional.empty(), 3, 0, Optional.empty(), Optional.empty(),
            Optional.of("m-1"))), Optional.empty());
    conversations.close(org, conversation, Optional.empty());
    conversations.delete(org, conversation, Optional.empty());
    agents.delete(org, agent, Optional.empty());
    Faqs faqs = new Faqs(store, new Embeddings(store, new OneDimensionEmbedder(), clock), clock);
    String faq = faqs.create(org, new NewFaq("Where is my order?", "See the orders page.", null, List.of())).id();
    faqs.update(org, faq, new FaqChanges(Optional.of("Where is my parcel?"), Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.empty());
    faqs.delete(org, faq, Optional.empty());
    // What a migration creates: an agent under its legacy id with opening counters, an FAQ under its legacy id.
    agents.create(org, new NewAgent(Optional.of("legacy-1"), "Legacy", Optional.empty(), Map.of(), AgentStatus.ACTIVE,
        Map.of("messages", 5L, "tokens_in", 7L)));
    faqs.create(org, new NewFaq(Optional.of("faq-legacy-1"), "Legacy question?", "Legacy answer.", null, List.of()));
    // A batch create (CreateAgents): one commit for its new agents; the one already there writes nothing.
    agents.createAll(org, List.of(
        new NewAgent(Optional.of("legacy-2"), "Legacy 2", Optional.empty(), Map.of(), AgentStatus.ACTIVE, Map.of("messages", 2L)),
        new NewAgent(Optional.of("legacy-1"), "Legacy", Optional.empty(), Map.of(), AgentStatus.ACTIVE, Map.of()),
        new NewAgent("Batch", Optional.empty(), Map.of(), AgentStatus.ACTIVE)));
    // A batch create (CreateFaqs): one commit for its two new FAQs; the one already there writes nothing.
    faqs.createAll(org, List.of(new NewFaq(Optional.of("faq-legacy-2"), "Second question?", "Second answer.", null, List.of()),
        new NewFaq(Optional.of("faq-legacy-1"), "Legacy question?", "Legacy answer.", null, List.of()),
        new NewFaq("Batch question?", "Batch answer.", null, List.of())));

    int stateCommits = stateCommitsEachRecorded();
    assertEquals(19, stateCommits);
    assertEquals(28, publishedChanges().size(),
        "organization + first key, key, revoke, agent ×3, counter, settings, conversation + its counter,"
            + " message + messages and tokens_in counters, close, delete, FAQ ×3, migrated agent + its two opening counters, migrated FAQ,"
            + " batch: two new agents + one opening counter, batch: two new FAQs");
  }

  @Test
  void everyPaymentCommitCarriesItsChangeRecord() {
    DocumentStore store = new RelayingDocumentStore(new AfterCommitDocumentStore(memory, commits::add),
        new OutboxRelay(memory, publisher, clock));
    AgreeingProcessor processor = new AgreeingProcessor();
    PaymentIntents intents = new PaymentIntents(store, processor, clock);
    PaymentActions actions = new PaymentActions(store, processor, clock);
    PaymentEvents events = new PaymentEvents(store, clock);

    processor.startingIn(PaymentStatus.REQUIRES_CAPTURE);
    PaymentIntent captured = intents.create("org", intent()).intent();
    actions.capture("org", captured.id(), Optional.of(600L));
    actions.refund("org", captured.id(), Optional.of(100L), Optional.empty());
    PaymentIntent canceled = intents.create("org", intent()).intent();
    actions.cancel("org", canceled.id(), Optional.empty());
    processor.startingIn(PaymentStatus.REQUIRES_PAYMENT_METHOD);
    PaymentIntent paidByWebhook = intents.create("org", intent()).intent();
    ProcessorEvent succeeded = new ProcessorEvent("evt_1", "payment_intent.succeeded", java.time.Instant.now(), "agreeing",
        Optional.of(new PaymentProcessor.ProcessorIntent(paidByWebhook.processorIntentId(), PaymentStatus.SUCCEEDED, 0, 1000,
            Optional.empty(), Optional.empty())));
    assertEquals(PaymentEvents.Outcome.APPLIED, events.apply(succeeded));
    assertEquals(PaymentEvents.Outcome.DUPLICATE, events.apply(succeeded));
    processor.startingIn(PaymentStatus.PROCESSING);
    intents.create("org", intent());
    assertEquals(1, new PaymentReconciliation(store, processor, clock).reconcile(java.time.Duration.ZERO).drifted());
    // What a migration imports: a legacy intent as history, with its ledger (and a re-run that writes nothing).
    Currencies.Currency usd = Currencies.require("currency", "usd");
    com.agenthub.shared.payments.LegacyIntent legacy = new com.agenthub.shared.payments.LegacyIntent("pi_legacy", 1000, usd,
        PaymentStatus.SUCCEEDED, 1000, 0, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), java.time.Instant.now(),
        List.of(new com.agenthub.shared.payments.LegacyTransaction("transactions[0]", "txn_legacy",
            com.agenthub.shared.payments.LegacyTransaction.Kind.PAYMENT, 1000, "usd", usd, java.time.Instant.now())));
    com.agenthub.shared.payments.LegacyPaymentImports imports = new com.agenthub.shared.payments.LegacyPaymentImports(store, clock);
    imports.importIntent("org", legacy);
    imports.importIntent("org", legacy);
    // A batch import (ImportPaymentIntents): the one already there writes nothing, the new one commits with its ledger.
    imports.importAll("org", List.of(legacy, new com.agenthub.shared.payments.LegacyIntent("pi_legacy_2", 500, usd,
        PaymentStatus.SUCCEEDED, 500, 0, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), java.time.Instant.now(),
        List.of(new com.agenthub.shared.payments.LegacyTransaction("transactions[0]", "txn_legacy_2",
            com.agenthub.shared.payments.LegacyTransaction.Kind.PAYMENT, 500, "usd", usd, java.time.Instant.now())))));

    int stateCommits = stateCommitsEachRecorded();
    // 4 creates, capture, refund reserve + confirmation, cancel, webhook, reconciliation, one legacy import, one batch import.
    assertEquals(12, stateCommits);
  }

  @Test
  void everyUserAndOrganizationCommitCarriesItsChangeRecord() {
    DocumentStore store = new RelayingDocumentStore(new AfterCommitDocumentStore(memory, commits::add),
        new OutboxRelay(memory, publisher, clock));
    ApiKeys apiKeys = new ApiKeys(store, clock);
    Organizations organizations = new Organizations(store, apiKeys, clock);
    com.agenthub.shared.organizations.Users users = new com.agenthub.shared.organizations.Users(store, clock);
    var caller = com.agenthub.shared.auth.Principal.organization("unused", "k");

    String org = organizations.create("Acme").organization().id();
    organizations.update(org, new com.agenthub.shared.organizations.OrganizationChanges(Optional.empty(),
        Optional.of(Map.of("theme", "dark")), Optional.empty()), Optional.empty(), false);
    users.create(org, new com.agenthub.shared.organizations.NewUser("o@example.com", "O",
        com.agenthub.shared.auth.Role.OWNER, Optional.empty()), caller);
    String member = users.create(org, new com.agenthub.shared.organizations.NewUser("m@example.com", "M",
        com.agenthub.shared.auth.Role.MEMBER, Optional.empty()), caller).id();
    apiKeys.issue(org, "m's key", Optional.of(java.util.EnumSet.of(com.agenthub.shared.auth.Scope.AGENTS_READ)),
        Optional.of(member), caller);
    users.update(org, member, new com.agenthub.shared.organizations.UserChanges(Optional.empty(),
        Optional.of(com.agenthub.shared.auth.Role.VIEWER), Optional.empty()), Optional.empty(), caller);
    users.delete(org, member, Optional.empty(), caller);

    int stateCommits = stateCommitsEachRecorded();
    assertEquals(7, stateCommits);
    assertEquals(9, publishedChanges().size(),
        "organization + first key, organization update, 2 users, key, role change, user deletion + its key's revocation");
  }

  @Test
  void everyTableAndRowCommitCarriesItsChangeRecords() {
    DocumentStore store = new RelayingDocumentStore(new AfterCommitDocumentStore(memory, commits::add),
        new OutboxRelay(memory, publisher, clock));
    com.agenthub.shared.tables.Tables tables = new com.agenthub.shared.tables.Tables(store, clock);
    com.agenthub.shared.tables.RowService rows = new com.agenthub.shared.tables.RowService(store, tables, clock);
    tables.create("org", new com.agenthub.shared.tables.NewTable("leads", List.of(
        new com.agenthub.shared.tables.NewColumn("email", com.agenthub.shared.tables.ColumnType.STRING, true, Optional.empty(), true, true),
        new com.agenthub.shared.tables.NewColumn("score", com.agenthub.shared.tables.ColumnType.INTEGER, false, Optional.empty(), false,
            true)), Optional.empty()));
    List<com.google.gson.JsonObject> batch = new ArrayList<>();
    for (String email : List.of("a@x", "b@x", "c@x")) {
      batch.add(com.google.gson.JsonParser.parseString("{\"email\": \"" + email + "\", \"score\": 1}").getAsJsonObject());
    }
    String first = rows.insert("org", "leads", batch).get(0).id();
    rows.upsert("org", "leads", List.of(com.google.gson.JsonParser.parseString("{\"email\": \"a@x\", \"score\": 2}")
        .getAsJsonObject(), com.google.gson.JsonParser.parseString("{\"email\": \"d@x\"}").getAsJsonObject()), Optional.of("email"));
    rows.update("org", "leads", first, com.google.gson.JsonParser.parseString("{\"email\": \"a2@x\"}").getAsJsonObject(),
        Optional.empty());
    rows.delete("org", "leads", first, Optional.empty());
    rows.deleteWhere("org", "leads", List.of(new com.agenthub.shared.tables.RowFilter("score",
        com.agenthub.shared.tables.RowFilter.Op.EQ, new com.google.gson.JsonPrimitive(1))));
    tables.alter("org", "leads", new com.agenthub.shared.tables.TableAlteration(Map.of("score", "points"), List.of(), List.of()),
        Optional.empty());
    int before = commits.size();
    tables.delete("org", "leads", Optional.empty(), java.time.Duration.ofSeconds(5));

    int stateCommits = 0;
    for (int i = 0; i < commits.size(); i++) {
      List<Write> commit = commits.get(i);
      boolean changesState = commit.stream().anyMatch(w -> !NOT_STATE.contains(collectionId(w.path())));
      boolean recorded = commit.stream().anyMatch(w -> w instanceof Write.Create c && Outbox.isOutbox(c.path()));
      // Purging a deleted table's rows: the table's own 'deleted' change (the commit before) stands for them.
      boolean purge = i > before && commit.stream().filter(w -> !NOT_STATE.contains(collectionId(w.path())))
          .allMatch(w -> w instanceof Write.Delete || w instanceof Write.Increment);
      if (changesState && !purge) {
        stateCommits++;
        assertTrue(recorded, "a commit changed state without a change record: " + commit);
      }
    }
    // create, insert, upsert, update, delete, delete by filter, alter, delete table.
    assertEquals(8, stateCommits);
    assertEquals(12, publishedChanges().size(),
        "table created, 3 inserted, 2 upserted, 1 updated, 1 deleted, 2 deleted by filter (b and c), altered, deleted");
  }

  @Test
  void everyDocumentCommitCarriesItsChangeRecord() {
    DocumentStore store = new RelayingDocumentStore(new AfterCommitDocumentStore(memory, commits::add),
        new OutboxRelay(memory, publisher, clock));
    Embeddings embeddings = new Embeddings(store, new OneDimensionEmbedder(), clock);
    com.agenthub.shared.knowledge.DocumentIndexer indexer = new com.agenthub.shared.knowledge.DocumentIndexer(store, embeddings,
        new com.agenthub.shared.knowledge.Chunker(text -> text.split(" ").length, 4), clock);
    com.agenthub.shared.knowledge.Documents documents = new com.agenthub.shared.knowledge.Documents(store, publisher, indexer, clock);
    String id = documents.create("org", new com.agenthub.shared.knowledge.NewDocument("Handbook",
        "Travel is booked in the portal. Expenses are filed weekly.", null, List.of(), Map.of(), 0, Optional.empty())).id();
    indexer.index("org", id, 1, java.time.Duration.ofMinutes(1));
    documents.update("org", id, new com.agenthub.shared.knowledge.DocumentChanges(Optional.of("Handbook 2"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty()), Optional.empty());
    indexer.index("org", id, 2, java.time.Duration.ofMinutes(1));
    new com.agenthub.shared.knowledge.KnowledgeSearch(store, embeddings, clock, false).search("org",
        new com.agenthub.shared.knowledge.SearchRequest("travel", 5, com.agenthub.shared.knowledge.SearchMode.HYBRID, Optional.empty(),
            List.of(), List.of()));
    // A document whose index request is never delivered: the sweep re-publishes it, then marks it failed.
    documents.create("org", new com.agenthub.shared.knowledge.NewDocument("Lost", "Never indexed.", null, List.of(), Map.of(), 0,
        Optional.empty()));
    com.agenthub.shared.knowledge.IndexingSweep sweep = new com.agenthub.shared.knowledge.IndexingSweep(store, publisher, clock);
    for (int run = 0; run <= com.agenthub.shared.knowledge.IndexingSweep.MAX_ATTEMPTS; run++) {
      sweep.sweep(java.time.Duration.ofSeconds(-1));
    }
    int before = commits.size();
    documents.delete("org", id, Optional.empty(), java.time.Duration.ofMinutes(1));

    int stateCommits = 0;
    for (int i = 0; i < commits.size(); i++) {
      List<Write> commit = commits.get(i);
      boolean changesState = commit.stream().anyMatch(w -> !NOT_STATE.contains(collectionId(w.path())));
      boolean recorded = commit.stream().anyMatch(w -> w instanceof Write.Create c && Outbox.isOutbox(c.path()));
      // Purging a deleted document's chunks: its own 'deleted' change (the commit before) stands for them.
      boolean purge = i > before && commit.stream().allMatch(w -> w instanceof Write.Delete || w instanceof Write.Increment
          || w instanceof Write.MergeMap);
      // An indexer commit writing postings only carries the document's progress marker, which is machinery.
      boolean progressOnly = commit.stream().allMatch(w -> w instanceof Write.MergeMap
          || (w instanceof Write.Update u && u.fields().keySet().equals(Set.of("index_progress"))));
      if (changesState && !purge && !progressOnly) {
        stateCommits++;
        assertTrue(recorded, "a commit changed state without a change record: " + commit);
      }
    }
    // create, chunks (first index), ready, update, chunks (re-embedded: the title is in every chunk), ready, the lost
    // document's create and its failure, delete; a search commits only its knowledge_searches record.
    assertEquals(9, stateCommits);
    assertEquals(1, publishedChanges().stream().filter(c -> c.table().equals("knowledge_searches")).count());
  }

  private static NewPaymentIntent intent() {
    return new NewPaymentIntent(1000, Currencies.require("currency", "usd"), CaptureMethod.MANUAL, Optional.empty(),
        Optional.empty(), Map.of(), Optional.empty());
  }

  /** A model stand-in: the cache and the FAQs only need a vector. */
  private static final class OneDimensionEmbedder implements Embedder {
    @Override
    public Model model() {
      return new Model("one", 1);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(text -> new float[] {text.length()}).toList();
    }
  }

  /** Asserts that every commit touching platform state carried an outbox record; answers how many did. */
  private int stateCommitsEachRecorded() {
    int stateCommits = 0;
    for (List<Write> commit : commits) {
      boolean changesState = commit.stream().anyMatch(w -> !NOT_STATE.contains(collectionId(w.path())));
      boolean recorded = commit.stream().anyMatch(w -> w instanceof Write.Create c && Outbox.isOutbox(c.path()));
      if (changesState) {
        stateCommits++;
        assertTrue(recorded, "a commit changed state without a change record: " + commit);
      }
    }
    return stateCommits;
  }

  private static String collectionId(DocumentPath path) {
    List<String> segments = path.parent().segments();
    return segments.get(segments.size() - 1);
  }

  /** Every change published, whatever messages carried them (a commit's changes of one table share one). */
  private List<Change> publishedChanges() {
    List<Change> changes = new java.util.ArrayList<>();
    for (var message : publisher.published(ChangeMessages.TOPIC)) {
      try {
        changes.addAll(ChangeMessages.decodeAll(message.data()));
      } catch (com.agenthub.shared.messages.UndecodableMessageException e) {
        throw new AssertionError(e);
      }
    }
    return changes;
  }
}
