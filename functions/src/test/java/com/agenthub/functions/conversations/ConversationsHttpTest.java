package com.agenthub.functions.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.testing.Emulators;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Conversations service over real HTTP: the life of a conversation, its messages and the usage they count. */
class ConversationsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Conversations test");
  private final String agent = org.post("CreateAgent", "{\"name\": \"Chatty\"}").json().get("id").getAsString();

  @Test
  void aConversationTakesMessagesInOrderAndCountsTheirUsageOnTheAgent() {
    ApiResponse created = org.post("CreateConversation",
        "{\"agent_id\": \"" + agent + "\", \"user_id\": \"end-user-7\", \"title\": \"Refund\", \"metadata\": {\"channel\": \"web\"}}");
    assertEquals(201, created.status(), created.toString());
    String id = created.json().get("id").getAsString();
    assertEquals("open", created.json().get("status").getAsString());
    assertEquals(0, created.json().get("last_sequence").getAsLong());

    ApiResponse one = org.post("AppendMessages", "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", "
        + "\"content\": \"I want a refund\", \"tokens_in\": 5}");
    assertEquals(201, one.status(), one.toString());
    assertEquals(1, one.json().getAsJsonArray("messages").get(0).getAsJsonObject().get("sequence").getAsLong());

    ApiResponse batch = org.post("AppendMessages", "{\"conversation_id\": \"" + id + "\", \"expected_sequence\": 2, \"messages\": ["
        + "{\"role\": \"assistant\", \"content\": \"\", \"tool_call\": {\"name\": \"lookup_order\", \"arguments\": {\"id\": [1, [2]]}},"
        + " \"tokens_out\": 12, \"model\": \"gemini-2.5-flash\", \"latency_ms\": 420},"
        + "{\"role\": \"tool\", \"content\": \"\", \"tool_result\": [{\"order\": 1, \"status\": \"shipped\"}]},"
        + "{\"role\": \"assistant\", \"content\": \"It shipped yesterday.\", \"tokens_in\": 30, \"tokens_out\": 8}]}");
    assertEquals(201, batch.status(), batch.toString());
    assertEquals(List.of(2L, 3L, 4L), sequences(batch.json().getAsJsonArray("messages")));
    assertEquals(4, batch.json().get("last_sequence").getAsLong());

    JsonArray ascending = org.get("ListMessages?conversation_id=" + id).json().getAsJsonArray("messages");
    assertEquals(List.of(1L, 2L, 3L, 4L), sequences(ascending));
    JsonObject toolCall = ascending.get(1).getAsJsonObject().getAsJsonObject("tool_call");
    assertEquals("{\"name\":\"lookup_order\",\"arguments\":{\"id\":[1,[2]]}}", toolCall.toString(), "tool JSON round-trips exactly");
    assertEquals("shipped", ascending.get(2).getAsJsonObject().getAsJsonArray("tool_result").get(0).getAsJsonObject()
        .get("status").getAsString());
    assertEquals(List.of(4L, 3L), sequences(org.get("ListMessages?conversation_id=" + id + "&order=desc&page_size=2").json()
        .getAsJsonArray("messages")));
    assertEquals(List.of(3L, 4L), sequences(org.get("ListMessages?conversation_id=" + id + "&after_sequence=2").json()
        .getAsJsonArray("messages")));

    JsonObject conversation = org.get("GetConversation?conversation_id=" + id).json();
    assertEquals(4, conversation.get("message_count").getAsLong());
    assertEquals(35, conversation.get("tokens_in").getAsLong());
    assertEquals(20, conversation.get("tokens_out").getAsLong());
    assertEquals(Map.of("conversations", 1L, "messages", 4L, "tokens_in", 35L, "tokens_out", 20L), counters(agent));
  }

  @Test
  void messagesPageInBothDirectionsWithoutGapsOrRepeats() {
    String id = newConversation();
    JsonArray messages = new JsonArray();
    for (int i = 0; i < 7; i++) {
      messages.add(message("user", "m" + i, null));
    }
    assertEquals(201, append(id, messages).status());
    for (String order : List.of("asc", "desc")) {
      List<Long> seen = new ArrayList<>();
      String token = null;
      do {
        JsonObject page = org.get("ListMessages?conversation_id=" + id + "&order=" + order + "&page_size=3"
            + (token == null ? "" : "&page_token=" + token)).json();
        seen.addAll(sequences(page.getAsJsonArray("messages")));
        token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
      } while (token != null);
      assertEquals(order.equals("asc") ? List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L) : List.of(7L, 6L, 5L, 4L, 3L, 2L, 1L), seen, order);
    }
  }

  @Test
  void aRetriedAppendWithTheSameClientIdsIsANoOpAndAReusedIdWithOtherContentIsRefused() {
    String id = newConversation();
    JsonArray batch = new JsonArray();
    batch.add(message("user", "hello", "c-1"));
    batch.add(message("assistant", "hi there", "c-2"));
    assertEquals(201, append(id, batch).status());

    ApiResponse retried = append(id, batch);
    assertEquals(200, retried.status(), retried.toString());
    for (JsonElement message : retried.json().getAsJsonArray("messages")) {
      assertTrue(message.getAsJsonObject().get("replayed").getAsBoolean());
    }
    assertEquals(List.of(1L, 2L), sequences(retried.json().getAsJsonArray("messages")));

    JsonArray mixed = new JsonArray();
    mixed.add(message("user", "hello", "c-1"));
    mixed.add(message("user", "and another thing", "c-3"));
    ApiResponse partly = append(id, mixed);
    assertEquals(201, partly.status());
    assertEquals(List.of(1L, 3L), sequences(partly.json().getAsJsonArray("messages")));

    JsonArray reused = new JsonArray();
    reused.add(message("user", "something else", "c-2"));
    ApiResponse refused = append(id, reused);
    assertEquals(422, refused.status(), refused.toString());
    assertEquals("messages[0].client_message_id", refused.errorField());
    assertEquals(3, lastSequence(id));
    assertEquals(3L, counters(agent).get("messages"));
  }

  @Test
  void aStaleExpectedSequenceIsAConflictAndWritesNothing() {
    String id = newConversation();
    append(id, single(message("user", "one", null)));
    ApiResponse stale = org.post("AppendMessages", "{\"conversation_id\": \"" + id + "\", \"expected_sequence\": 1, "
        + "\"role\": \"user\", \"content\": \"two\"}");
    assertEquals(409, stale.status(), stale.toString());
    assertEquals("expected_sequence", stale.errorField());
    assertEquals(1, lastSequence(id));
    assertEquals(1L, counters(agent).get("messages"));
  }

  @Test
  void aClosedConversationTakesNoMoreMessagesAndClosingTwiceIsAConflict() {
    String id = newConversation();
    append(id, single(message("user", "bye", null)));
    ApiResponse closed = org.post("CloseConversation", "{\"conversation_id\": \"" + id + "\"}");
    assertEquals(200, closed.status(), closed.toString());
    assertEquals("closed", closed.json().get("status").getAsString());
    assertFalse(closed.json().get("closed_at").isJsonNull());

    assertEquals(409, append(id, single(message("user", "wait", null))).status());
    assertEquals(409, org.post("CloseConversation", "{\"conversation_id\": \"" + id + "\"}").status());
    assertEquals(1, lastSequence(id));
  }

  @Test
  void badMessagesAreRefusedNamingTheFieldAndNothingIsWritten() {
    String id = newConversation();
    JsonArray unknownRole = new JsonArray();
    unknownRole.add(message("user", "fine", null));
    unknownRole.add(message("robot", "beep", null));
    assertRefused(append(id, unknownRole), 400, "messages[1].role");

    assertRefused(append(id, single(message("user", "x".repeat(32_769), null))), 400, "messages[0].content");

    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 101; i++) {
      tooMany.add(message("user", "m", null));
    }
    assertRefused(append(id, tooMany), 400, "messages");

    JsonObject toolAsString = message("assistant", "", null);
    toolAsString.addProperty("tool_call", "{\"name\": \"lookup\"");
    assertRefused(append(id, single(toolAsString)), 400, "messages[0].tool_call");
    JsonObject toolWithoutName = message("assistant", "", null);
    toolWithoutName.add("tool_call", new JsonObject());
    assertRefused(append(id, single(toolWithoutName)), 400, "messages[0].tool_call.name");
    JsonObject negativeTokens = message("user", "hi", null);
    negativeTokens.addProperty("tokens_in", -1);
    assertRefused(append(id, single(negativeTokens)), 400, "messages[0].tokens_in");
    JsonArray sameIdTwice = new JsonArray();
    sameIdTwice.add(message("user", "a", "dup"));
    sameIdTwice.add(message("user", "b", "dup"));
    assertRefused(append(id, sameIdTwice), 400, "messages[1].client_message_id");
    assertRefused(org.post("AppendMessages", "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"x\", "
        + "\"colour\": \"red\"}"), 400, "colour");

    assertEquals(0, lastSequence(id));
    assertEquals(0, org.get("ListMessages?conversation_id=" + id).json().getAsJsonArray("messages").size());
    assertEquals(null, counters(agent).get("messages"));
  }

  @Test
  void aClientChosenIdMakesCreationIdempotentAndIsNeverReusedAfterDelete() {
    String body = "{\"id\": \"legacy-conv-42\", \"agent_id\": \"" + agent + "\", \"title\": \"Imported\"}";
    assertEquals(201, org.post("CreateConversation", body).status());
    ApiResponse again = org.post("CreateConversation", body);
    assertEquals(200, again.status(), again.toString());
    assertEquals("legacy-conv-42", again.json().get("id").getAsString());
    assertEquals(1L, counters(agent).get("conversations"), "counted once");

    ApiResponse other = org.post("CreateConversation", "{\"id\": \"legacy-conv-42\", \"agent_id\": \"" + agent + "\", \"title\": \"Other\"}");
    assertEquals(409, other.status());

    assertEquals(204, org.delete("DeleteConversation?conversation_id=legacy-conv-42", Map.of()).status());
    assertEquals(404, org.get("GetConversation?conversation_id=legacy-conv-42").status());
    assertEquals(404, org.get("ListMessages?conversation_id=legacy-conv-42").status());
    assertEquals(409, org.post("CreateConversation", body).status(), "a deleted conversation's id is not reused");
  }

  @Test
  void deleteHonoursIfMatch() {
    String id = newConversation();
    String etag = org.get("GetConversation?conversation_id=" + id).json().get("etag").getAsString();
    append(id, single(message("user", "changes the version", null)));
    assertEquals(412, org.delete("DeleteConversation?conversation_id=" + id, Map.of("If-Match", etag)).status());
    String current = org.get("GetConversation?conversation_id=" + id).json().get("etag").getAsString();
    assertEquals(204, org.delete("DeleteConversation?conversation_id=" + id, Map.of("If-Match", current)).status());
  }

  @Test
  void listsAreNewestFirstAndFilteredByAgentUserAndStatus() {
    String other = org.post("CreateAgent", "{\"name\": \"Other\"}").json().get("id").getAsString();
    String first = newConversation(agent, "u1");
    String second = newConversation(agent, "u2");
    String third = newConversation(other, "u1");
    org.post("CloseConversation", "{\"conversation_id\": \"" + first + "\"}");

    assertEquals(List.of(third, second, first), ids(org.get("ListConversations").json()));
    assertEquals(List.of(second, first), ids(org.get("ListConversations?agent_id=" + agent).json()));
    assertEquals(List.of(third, first), ids(org.get("ListConversations?user_id=u1").json()));
    assertEquals(List.of(first), ids(org.get("ListConversations?status=closed").json()));
    assertEquals(List.of(second), ids(org.get("ListConversations?agent_id=" + agent + "&status=open").json()));
    JsonObject page = org.get("ListConversations?page_size=2").json();
    assertEquals(List.of(third, second), ids(page));
    assertEquals(List.of(first), ids(org.get("ListConversations?page_size=2&page_token=" + page.get("next_page_token").getAsString()).json()));
  }

  @Test
  void aDeletedAgentsConversationsAnswerLikeMissingOnes() {
    String id = newConversation();
    assertEquals(204, org.delete("DeleteAgent?agent_id=" + agent, Map.of()).status());
    assertEquals(404, org.get("GetConversation?conversation_id=" + id).status());
    assertEquals(404, append(id, single(message("user", "anyone?", null))).status());
    assertEquals(404, org.get("ListMessages?conversation_id=" + id).status());
    assertEquals(404, org.post("CreateConversation", "{\"agent_id\": \"" + agent + "\"}").status());
    assertEquals(404, org.get("ListConversations?agent_id=" + agent).status());
    assertEquals(0, org.get("ListConversations").json().getAsJsonArray("conversations").size(), "left out of lists too");
    assertEquals(0, org.get("ListConversations?status=open").json().getAsJsonArray("conversations").size());
  }

  @Test
  void metadataFirestoreCannotStoreIsRefusedNamingTheField() {
    String prefix = "{\"agent_id\": \"" + agent + "\", \"metadata\": ";
    assertEquals(201, org.post("CreateConversation", prefix + "{\"a\": null, \"b\": {\"c\": null}}}").status());
    assertRefused(org.post("CreateConversation", prefix + "{\"\": 1}}"), 400, "metadata");
    assertRefused(org.post("CreateConversation", prefix + "{\"__x__\": 1}}"), 400, "metadata");
    assertRefused(org.post("CreateConversation", prefix + "{\"a\": [[1]]}}"), 400, "metadata.a");
    assertRefused(org.post("CreateConversation", "{\"agent_id\": \"" + agent + "\", \"user_id\": \"a\\u0000b\"}"), 400, "user_id");
    assertEquals(1, org.get("ListConversations").json().getAsJsonArray("conversations").size(), "only the valid one was created");
  }

  @Test
  void aRetriedToolCallIsTheSameMessageWhateverItsKeyOrder() {
    String id = newConversation();
    String first = "{\"conversation_id\": \"" + id + "\", \"role\": \"assistant\", \"content\": \"\", "
        + "\"tool_call\": {\"name\": \"a\", \"arguments\": {\"x\": 1, \"y\": 2}}, \"client_message_id\": \"k\"}";
    String reordered = "{\"client_message_id\": \"k\", \"messages\": null, \"conversation_id\": \"" + id + "\", "
        + "\"tool_call\": {\"arguments\": {\"y\": 2, \"x\": 1}, \"name\": \"a\"}, \"content\": \"\", \"role\": \"assistant\"}";
    assertEquals(201, org.post("AppendMessages", first).status());
    ApiResponse retried = org.post("AppendMessages", reordered);
    assertEquals(200, retried.status(), retried.toString());
    assertTrue(retried.json().getAsJsonArray("messages").get(0).getAsJsonObject().get("replayed").getAsBoolean());
  }

  @Test
  void messagesAppendedUnderARetentionCarryTheExpiryFirestoresTtlPolicyActsOn() throws Exception {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Retention");
    ApiClient client = tenant.client();
    String agentId = client.post("CreateAgent", "{\"name\": \"Forgetful\"}").json().get("id").getAsString();
    String id = client.post("CreateConversation", "{\"agent_id\": \"" + agentId + "\"}").json().get("id").getAsString();
    String message = "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"x\", \"client_message_id\": \"";
    assertEquals(201, client.post("AppendMessages", message + "kept\"}").status());
    client.patch("UpdateConversationSettings", "{\"message_retention_days\": 30}", Map.of());
    assertEquals(201, client.post("AppendMessages", message + "expiring\"}").status());

    var messages = Emulators.firestore().collection("organizations/" + tenant.organizationId() + "/conversations/" + id + "/messages")
        .orderBy("sequence").get().get().getDocuments();
    assertEquals(null, messages.get(0).get("expires_at"), "appended before the retention: kept");
    com.google.cloud.Timestamp created = messages.get(1).getTimestamp("created_at");
    com.google.cloud.Timestamp expires = messages.get(1).getTimestamp("expires_at");
    assertEquals(java.time.Duration.ofDays(30), java.time.Duration.between(created.toDate().toInstant(), expires.toDate().toInstant()));
    var guard = Emulators.firestore().collection("organizations/" + tenant.organizationId() + "/conversations/" + id
        + "/client_message_ids").whereEqualTo("sequence", 2L).get().get().getDocuments().get(0);
    assertEquals(expires, guard.getTimestamp("expires_at"), "its retry guard expires with it");
  }

  @Test
  void retentionSettingsAreValidatedAndReadBack() {
    assertTrue(org.get("GetConversationSettings").json().get("message_retention_days").isJsonNull());
    assertEquals(30, org.patch("UpdateConversationSettings", "{\"message_retention_days\": 30}", Map.of()).json()
        .get("message_retention_days").getAsLong());
    assertEquals(30, org.get("GetConversationSettings").json().get("message_retention_days").getAsLong());
    assertRefused(org.patch("UpdateConversationSettings", "{\"message_retention_days\": 0}", Map.of()), 400, "message_retention_days");
    assertRefused(org.patch("UpdateConversationSettings", "{}", Map.of()), 400, "message_retention_days");
    assertTrue(org.patch("UpdateConversationSettings", "{\"message_retention_days\": null}", Map.of()).json()
        .get("message_retention_days").isJsonNull());
  }

  // ---------------------------------------------------------------------------------- helpers

  private String newConversation() {
    return newConversation(agent, "u");
  }

  private String newConversation(String agentId, String user) {
    ApiResponse created = org.post("CreateConversation", "{\"agent_id\": \"" + agentId + "\", \"user_id\": \"" + user + "\"}");
    assertEquals(201, created.status(), created.toString());
    return created.json().get("id").getAsString();
  }

  private ApiResponse append(String conversationId, JsonArray messages) {
    JsonObject body = new JsonObject();
    body.addProperty("conversation_id", conversationId);
    body.add("messages", messages);
    return org.post("AppendMessages", body.toString());
  }

  static JsonObject message(String role, String content, String clientId) {
    JsonObject message = new JsonObject();
    message.addProperty("role", role);
    message.addProperty("content", content);
    message.addProperty("tokens_in", 2);
    message.addProperty("tokens_out", 3);
    if (clientId != null) {
      message.addProperty("client_message_id", clientId);
    }
    return message;
  }

  private static JsonArray single(JsonObject message) {
    JsonArray array = new JsonArray();
    array.add(message);
    return array;
  }

  private long lastSequence(String conversationId) {
    return org.get("GetConversation?conversation_id=" + conversationId).json().get("last_sequence").getAsLong();
  }

  private Map<String, Long> counters(String agentId) {
    Map<String, Long> totals = new java.util.TreeMap<>();
    org.get("GetAgentCounters?agent_id=" + agentId).json().getAsJsonObject("counters").entrySet()
        .forEach(e -> totals.put(e.getKey(), e.getValue().getAsLong()));
    return totals;
  }

  static List<Long> sequences(JsonArray messages) {
    List<Long> sequences = new ArrayList<>();
    messages.forEach(m -> sequences.add(m.getAsJsonObject().get("sequence").getAsLong()));
    return sequences;
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    page.getAsJsonArray("conversations").forEach(c -> ids.add(c.getAsJsonObject().get("id").getAsString()));
    return ids;
  }

  private static void assertRefused(ApiResponse response, int status, String field) {
    assertEquals(status, response.status(), response.toString());
    assertEquals(field, response.errorField(), response.toString());
  }
}
