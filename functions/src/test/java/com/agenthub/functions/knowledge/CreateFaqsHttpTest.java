package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** CreateFaqs through real HTTP, the dev server, the Firestore emulator and the real model. */
class CreateFaqsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("CreateFaqs HTTP test");

  private static String batch(String... faqs) {
    return "{\"faqs\": [" + String.join(", ", faqs) + "]}";
  }

  private static String faq(String id, String question, String answer) {
    return "{\"id\": \"" + id + "\", \"question\": \"" + question + "\", \"answer\": \"" + answer + "\"}";
  }

  private static int faqCount(ApiClient client) {
    ApiResponse listed = client.get("ListFaqs?page_size=100");
    assertEquals(200, listed.status(), listed.toString());
    return listed.json().getAsJsonArray("faqs").size();
  }

  private static String result(JsonObject reply, int index) {
    return reply.getAsJsonArray("faqs").get(index).getAsJsonObject().get("result").getAsString();
  }

  @Test
  void mixedNewExistingAndConflictingIdsAnswerEachItemAndTheNewOnesAreMatchedByMeaning() {
    assertEquals(201, org.post("CreateFaq", faq("same", "Do you ship abroad?", "Yes, to the EU.")).status());
    assertEquals(201, org.post("CreateFaq", faq("taken", "Can I get a refund?", "Within 30 days.")).status());

    ApiResponse answer = org.post("CreateFaqs", batch(
        "{\"id\": \"pw\", \"question\": \"How do I reset my password?\", \"answer\": \"Use the sign-in page.\", \"category\": \"account\", "
            + "\"tags\": [\"password\"]}",
        faq("same", "Do you ship abroad?", "Yes, to the EU."), faq("taken", "Can I get a refund?", "Never."),
        "{\"question\": \"How long does shipping take?\", \"answer\": \"Three days.\"}"));

    assertEquals(200, answer.status(), answer.toString());
    JsonObject reply = answer.json();
    assertEquals(List.of("created", "found", "error", "created"), List.of(result(reply, 0), result(reply, 1), result(reply, 2), result(reply, 3)));
    JsonObject conflict = reply.getAsJsonArray("faqs").get(2).getAsJsonObject().getAsJsonObject("error");
    assertEquals("conflict", conflict.get("code").getAsString());
    assertEquals("faqs[2].id", conflict.get("field").getAsString());
    assertEquals(List.of(2, 1, 1), List.of(reply.get("created").getAsInt(), reply.get("found").getAsInt(), reply.get("failed").getAsInt()));

    JsonObject created = reply.getAsJsonArray("faqs").get(0).getAsJsonObject().getAsJsonObject("faq");
    assertEquals(created, org.get("GetFaq?faq_id=pw").json());
    assertEquals("Within 30 days.", org.get("GetFaq?faq_id=taken").json().get("answer").getAsString());
    assertEquals(4, faqCount(org));
    JsonObject match = org.post("MatchFaq", "{\"question\": \"I forgot my login credentials\"}").json();
    assertEquals("pw", match.getAsJsonArray("matches").get(0).getAsJsonObject().getAsJsonObject("faq").get("id").getAsString(),
        "a batch-created FAQ's question was embedded: " + match);
  }

  @Test
  void anInvalidItemIsA400NamingItAndNothingIsWritten() {
    ApiResponse blank = org.post("CreateFaqs", batch(faq("a", "A?", "A."), faq("b", "B?", "B."), faq("c", " ", "C.")));
    assertEquals(400, blank.status(), blank.toString());
    assertEquals("faqs[2].question", blank.errorField());
    assertEquals("faqs[1].tags[0]", org.post("CreateFaqs", batch(faq("a", "A?", "A."),
        "{\"question\": \"B?\", \"answer\": \"B.\", \"tags\": [3]}")).errorField());
    assertEquals("faqs[1].embedding", org.post("CreateFaqs", batch(faq("a", "A?", "A."),
        "{\"question\": \"B?\", \"answer\": \"B.\", \"embedding\": [1]}")).errorField());
    assertEquals("faqs[1].id", org.post("CreateFaqs", batch(faq("a", "A?", "A."), faq("a", "A?", "A."))).errorField());
    assertEquals("faqs[0].id", org.post("CreateFaqs", batch(faq("not an id", "A?", "A."))).errorField());
    assertEquals("faqs[1]", org.post("CreateFaqs", batch(faq("a", "A?", "A."), "3")).errorField());
    assertEquals("faqs", org.post("CreateFaqs", "{\"faqs\": []}").errorField());
    assertEquals(0, faqCount(org));
  }

  @Test
  void theSameBatchAgainCreatesNothingAndAnIdempotencyKeyReplays() {
    String body = batch(faq("x", "X?", "X."), faq("y", "Y?", "Y."));
    assertEquals(2, org.post("CreateFaqs", body).json().get("created").getAsInt());
    JsonObject again = org.post("CreateFaqs", body).json();
    assertEquals(0, again.get("created").getAsInt());
    assertEquals(2, again.get("found").getAsInt());

    String keyed = batch("{\"question\": \"No id?\", \"answer\": \"None.\"}");
    Map<String, String> headers = Map.of("Idempotency-Key", "faq-batch-1", "Content-Type", "application/json");
    ApiResponse first = org.send("POST", "CreateFaqs", keyed, headers);
    ApiResponse replayed = org.send("POST", "CreateFaqs", keyed, headers);
    assertEquals("true", replayed.header("Idempotent-Replayed").orElse(null));
    assertEquals(first.json(), replayed.json());
    assertEquals(3, faqCount(org));
  }

  @Test
  void concurrentBatchesOfTheSameIdsMakeOneFaqEach() throws Exception {
    List<String> faqs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      faqs.add(faq("dual-" + i, "Question number " + i + "?", "Answer " + i + "."));
    }
    String body = batch(faqs.toArray(String[]::new));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<ApiResponse>> answers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        answers.add(pool.submit(() -> org.post("CreateFaqs", body)));
      }
      int created = 0;
      for (Future<ApiResponse> future : answers) {
        ApiResponse answer = future.get();
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(0, answer.json().get("failed").getAsInt(), answer.toString());
        created += answer.json().get("created").getAsInt();
      }
      assertEquals(20, created, "each FAQ created by exactly one of the racing batches");
      assertEquals(20, faqCount(org));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherOrganizationsKeyNeitherSeesNorTouchesThisOnesFaqs() {
    ApiClient other = LocalStackFixture.newOrganization("CreateFaqs other tenant");
    assertEquals(200, org.post("CreateFaqs", batch(faq("shared-id", "Mine?", "Mine."))).status());
    assertEquals("created", result(other.post("CreateFaqs", batch(faq("shared-id", "Theirs?", "Theirs."))).json(), 0));
    assertEquals("Mine.", org.get("GetFaq?faq_id=shared-id").json().get("answer").getAsString());
    assertEquals(1, faqCount(org));
    assertTrue(new ApiClient(LocalStackFixture.baseUrl(), "not-a-key").post("CreateFaqs", batch(faq("z", "Z?", "Z."))).status() == 401);
  }
}
