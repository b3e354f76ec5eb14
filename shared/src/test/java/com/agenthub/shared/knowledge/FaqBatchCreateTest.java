package com.agenthub.shared.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.changes.AfterCommitDocumentStore;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.Write;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link Faqs#createAll}: many creates, one embedding batch and one commit, each item answering as createOrFind would. */
class FaqBatchCreateTest {

  /** Counts model calls; the vector encodes the text's length. */
  private static final class CountingEmbedder implements Embedder {
    final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Model model() {
      return new Model("counting", 2);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      calls.add(List.copyOf(texts));
      return texts.stream().map(t -> new float[] {t.length(), 1f}).toList();
    }
  }

  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final List<List<Write>> commits = new ArrayList<>();
  private final CountingEmbedder model = new CountingEmbedder();
  private final AfterCommitDocumentStore store = new AfterCommitDocumentStore(memory, commits::add);
  private final Faqs faqs = new Faqs(store, new Embeddings(store, model, Clock.systemUTC()), Clock.systemUTC());

  private static NewFaq faq(String id, String question, String answer) {
    return new NewFaq(Optional.ofNullable(id), question, answer, null, List.of());
  }

  /** Commits that wrote FAQs (the embeddings cache commits its vectors on its own). */
  private List<List<Write>> faqCommits() {
    return commits.stream().filter(c -> c.stream().anyMatch(w -> w.path().toString().contains("/faqs/"))).toList();
  }

  private long stored(String org) {
    return memory.query(Query.all(Faqs.faqs(org), Query.MAX_LIMIT)).size();
  }

  @Test
  void mixedNewExistingAndConflictingIdsAnswerEachItemWithOneModelCallAndOneCommit() {
    faqs.createOrFind("org", faq("same", "Same?", "Same."));
    faqs.createOrFind("org", faq("taken", "Taken?", "Taken."));
    commits.clear();
    model.calls.clear();

    List<BatchItem<Faqs.Created>> items = faqs.createAll("org", List.of(faq("new-1", "How do I pay?", "By card."), faq("same", "Same?", "Same."),
        faq("taken", "Taken?", "Another answer."), faq(null, "Where is my order?", "On its way.")));

    assertEquals(4, items.size());
    assertTrue(items.get(0).result().orElseThrow().created());
    assertFalse(items.get(1).result().orElseThrow().created());
    assertEquals(ErrorKind.CONFLICT, items.get(2).error().orElseThrow().kind());
    assertEquals(Optional.of("faqs[2].id"), items.get(2).error().orElseThrow().field());
    assertTrue(items.get(3).result().orElseThrow().created());
    assertEquals(List.of(List.of("How do I pay?", "Where is my order?")), model.calls, "the two new questions in one model call");
    assertEquals(1, faqCommits().size(), "the two new FAQs are one commit");
    assertEquals(4, faqCommits().get(0).size(), "each FAQ with its change record");
    assertEquals(2, faqCommits().get(0).stream().filter(w -> Outbox.isOutbox(w.path())).count());
    assertEquals("Taken.", faqs.get("org", "taken").answer());
    assertEquals(items.get(0).result().orElseThrow().faq(), faqs.get("org", "new-1"));
    assertEquals(4, stored("org"));
  }

  @Test
  void aBatchCreatedFaqIsMatchedAsOneCreatedAloneIs() {
    faqs.createAll("org", List.of(faq("a", "How do I pay?", "By card."), faq("b", "Where is my order?", "On its way.")));
    assertEquals("b", faqs.match("org", "Where is my order?", 1, Optional.empty()).get(0).faq().id(),
        "the stored embedding is the question's");
  }

  @Test
  void theSameBatchAgainCreatesNothingAndEmbedsNothing() {
    List<NewFaq> batch = List.of(faq("a", "A?", "A."), faq("b", "B?", "B."));
    faqs.createAll("org", batch);
    commits.clear();
    model.calls.clear();
    List<BatchItem<Faqs.Created>> again = faqs.createAll("org", batch);
    assertTrue(again.stream().noneMatch(i -> i.result().orElseThrow().created()));
    assertEquals(List.of(), commits);
    assertEquals(List.of(), model.calls);
    assertEquals(2, stored("org"));
  }

  @Test
  void idsAskedTwiceAndBatchSizeAreRefusedBeforeAnyWrite() {
    ApiError twice = assertThrows(ApiError.class, () -> faqs.createAll("org", List.of(faq("x", "X?", "X."), faq("y", "Y?", "Y."), faq("x", "X?", "X."))));
    assertEquals(Optional.of("faqs[2].id"), twice.field());
    List<NewFaq> tooMany = new ArrayList<>();
    for (int i = 0; i <= Faqs.MAX_BATCH; i++) {
      tooMany.add(faq(null, "Q" + i + "?", "A."));
    }
    assertEquals(Optional.of("faqs"), assertThrows(ApiError.class, () -> faqs.createAll("org", tooMany)).field());
    assertEquals(Optional.of("faqs"), assertThrows(ApiError.class, () -> faqs.createAll("org", List.of())).field());
    assertEquals(List.of(), commits);
    assertEquals(List.of(), model.calls);
  }

  @Test
  void aFullBatchIsOneCommitWithinFirestoresLimit() {
    List<NewFaq> batch = new ArrayList<>();
    for (int i = 0; i < Faqs.MAX_BATCH; i++) {
      batch.add(faq("f" + i, "Question " + i + "?", "Answer."));
    }
    assertTrue(faqs.createAll("org", batch).stream().allMatch(i -> i.result().orElseThrow().created()));
    assertEquals(1, faqCommits().size());
    assertTrue(faqCommits().get(0).size() <= 500);
    assertEquals(1, model.calls.size());
    assertEquals(Faqs.MAX_BATCH, stored("org"));
  }

  @Test
  void aRacingCreateOfOneIdIsAnsweredAsFoundAndTheRestIsCommitted() {
    AtomicBoolean raced = new AtomicBoolean();
    // The racer (a dual write of the same record) commits "b" just before the batch's first commit.
    DocumentStore racing = (DocumentStore) Proxy.newProxyInstance(DocumentStore.class.getClassLoader(), new Class<?>[] {DocumentStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("commit") && ((List<?>) args[0]).stream().anyMatch(w -> ((Write) w).path().toString().endsWith("/faqs/b"))
              && raced.compareAndSet(false, true)) {
            new Faqs(memory, new Embeddings(memory, model, Clock.systemUTC()), Clock.systemUTC()).createOrFind("org", faq("b", "B?", "B."));
          }
          try {
            return method.invoke(memory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Faqs batching = new Faqs(racing, new Embeddings(racing, model, Clock.systemUTC()), Clock.systemUTC());

    List<BatchItem<Faqs.Created>> items = batching.createAll("org", List.of(faq("a", "A?", "A."), faq("b", "B?", "B."), faq("c", "C?", "C.")));

    assertTrue(raced.get());
    assertEquals(List.of(true, false, true), items.stream().map(i -> i.result().orElseThrow().created()).toList());
    assertEquals(3, stored("org"));
  }
}
