package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FAQs over real HTTP with the real model: a user's question finds the FAQ it means, not only the one sharing its words. */
class FaqsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("FAQ test");

  @Test
  void aParaphraseSharingNoKeywordMatchesTheRightFaqAndAnUnrelatedQuestionMatchesNone() {
    String password = create(org, "How do I reset my password?", "Use 'Forgot password' on the sign-in page.", "account");
    create(org, "How long does shipping take?", "Three to five business days.", "orders");
    create(org, "Can I get a refund?", "Within 30 days of delivery.", "orders");

    JsonObject match = match(org, "{\"question\": \"I forgot my login credentials\"}");
    assertTrue(match.get("matched").getAsBoolean(), match.toString());
    JsonObject best = match.getAsJsonArray("matches").get(0).getAsJsonObject();
    assertEquals(password, best.getAsJsonObject("faq").get("id").getAsString());
    assertTrue(best.get("score").getAsDouble() >= 0.5);

    JsonObject none = match(org, "{\"question\": \"The weather in Paris is sunny\"}");
    assertFalse(none.get("matched").getAsBoolean(), none.toString());
    assertEquals(0, none.getAsJsonArray("matches").size());

    JsonObject inOrders = match(org, "{\"question\": \"I forgot my login credentials\", \"category\": \"orders\"}");
    assertFalse(ids(inOrders).contains(password), "the category pre-filter leaves the account FAQ out");
  }

  @Test
  void anUpdatedQuestionIsEmbeddedAgainAndADeletedFaqIsNoLongerMatched() {
    String id = create(org, "How do I reset my password?", "Use the sign-in page.", null);
    String etag = org.get("GetFaq?faq_id=" + id).json().get("etag").getAsString();
    ApiResponse updated = org.patch("UpdateFaq?faq_id=" + id, "{\"question\": \"How do I change my delivery address?\"}",
        Map.of("If-Match", etag));
    assertEquals(200, updated.status(), updated.toString());
    assertEquals(412, org.patch("UpdateFaq?faq_id=" + id, "{\"answer\": \"late\"}", Map.of("If-Match", etag)).status());

    assertEquals(List.of(id), ids(match(org, "{\"question\": \"I moved and need my parcels sent to my new home\"}")));
    assertFalse(match(org, "{\"question\": \"I forgot my login credentials\"}").get("matched").getAsBoolean(),
        "the old question's embedding is gone");

    assertEquals(204, org.delete("DeleteFaq?faq_id=" + id, Map.of()).status());
    assertEquals(404, org.get("GetFaq?faq_id=" + id).status());
    assertFalse(match(org, "{\"question\": \"I moved and need my parcels sent to my new home\"}").get("matched").getAsBoolean());
  }

  @Test
  void anotherOrganizationsFaqIsNeverMatchedEvenWhenItIsTheBestAnswer() {
    ApiClient other = LocalStackFixture.newOrganization("FAQ other tenant");
    String theirs = create(other, "How do I reset my password?", "Their answer.", null);
    create(org, "How long does shipping take?", "Three to five business days.", null);

    assertFalse(match(org, "{\"question\": \"How do I reset my password?\"}").get("matched").getAsBoolean());
    assertEquals(404, org.get("GetFaq?faq_id=" + theirs).status());
    assertEquals(404, org.patch("UpdateFaq?faq_id=" + theirs, "{\"answer\": \"taken\"}", Map.of()).status());
    assertEquals(404, org.delete("DeleteFaq?faq_id=" + theirs, Map.of()).status());
    assertEquals(List.of(theirs), ids(match(other, "{\"question\": \"How do I reset my password?\"}")));
  }

  @Test
  void listsPageAndFilterByCategory() {
    String a = create(org, "First question?", "A.", "billing");
    String b = create(org, "Second question?", "B.", "billing");
    create(org, "Third question?", "C.", null);
    JsonObject first = org.get("ListFaqs?category=billing&page_size=1").json();
    assertEquals(a, first.getAsJsonArray("faqs").get(0).getAsJsonObject().get("id").getAsString());
    JsonObject second = org.get("ListFaqs?category=billing&page_size=1&page_token=" + first.get("next_page_token").getAsString()).json();
    assertEquals(b, second.getAsJsonArray("faqs").get(0).getAsJsonObject().get("id").getAsString());
    assertEquals(3, org.get("ListFaqs").json().getAsJsonArray("faqs").size());
    assertEquals("general", org.get("ListFaqs?category=general").json().getAsJsonArray("faqs").get(0).getAsJsonObject()
        .get("category").getAsString());
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    assertField(org.post("CreateFaq", "{\"question\": \"  \", \"answer\": \"a\"}"), "question");
    assertField(org.post("CreateFaq", "{\"question\": \"q\", \"answer\": \"" + "x".repeat(16_385) + "\"}"), "answer");
    assertField(org.post("CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"category\": \"Billing!\"}"), "category");
    assertField(org.post("CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"ok\", \"Not OK\"]}"), "tags[1]");
    assertField(org.post("CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"colour\": \"red\"}"), "colour");
    assertField(org.post("MatchFaq", "{\"question\": \"q\", \"top_k\": 0}"), "top_k");
    assertField(org.post("MatchFaq", "{\"question\": \"q\", \"top_k\": 99999999999}"), "top_k");
    assertField(org.post("MatchFaq", "{\"question\": \"\"}"), "question");
    assertEquals(0, org.get("ListFaqs").json().getAsJsonArray("faqs").size());
  }

  private static String create(ApiClient client, String question, String answer, String category) {
    JsonObject body = new JsonObject();
    body.addProperty("question", question);
    body.addProperty("answer", answer);
    if (category != null) {
      body.addProperty("category", category);
    }
    ApiResponse created = client.post("CreateFaq", body.toString());
    assertEquals(201, created.status(), created.toString());
    return created.json().get("id").getAsString();
  }

  private static JsonObject match(ApiClient client, String body) {
    ApiResponse matched = client.post("MatchFaq", body);
    assertEquals(200, matched.status(), matched.toString());
    return matched.json();
  }

  private static List<String> ids(JsonObject match) {
    List<String> ids = new ArrayList<>();
    JsonArray matches = match.getAsJsonArray("matches");
    matches.forEach(m -> ids.add(m.getAsJsonObject().getAsJsonObject("faq").get("id").getAsString()));
    return ids;
  }

  private static void assertField(ApiResponse response, String field) {
    assertEquals(400, response.status(), response.toString());
    assertEquals(field, response.errorField());
  }
}
