package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client-chosen ids on CreateAgent, CreateFaq and CreateDocument, and ImportPaymentIntent's
 * derived ids (what keeps legacy ids through a migration): the same create again is the same
 * document (200), other fields are a 409 naming {@code id}, and an agent's opening counters and an
 * imported intent's ledger count once.
 */
class LegacyIdsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Legacy ids");

  @Test
  void anAgentCreatedTwiceUnderOneIdIsOneAgentWithItsOpeningCountersOnce() {
    String body = "{\"id\": \"legacy_agent-1\", \"name\": \"Ada\", \"configuration\": {\"budget\": 9007199254740993}, "
        + "\"counters\": {\"messages\": 1042, \"tokens_in\": 1099511627776, \"unused\": 0}}";
    ApiResponse first = org.post("CreateAgent", body);
    assertEquals(201, first.status(), first.body());
    ApiResponse again = org.post("CreateAgent", body);
    assertEquals(200, again.status(), again.body());
    assertEquals(first.json().get("etag"), again.json().get("etag"));
    assertEquals(1, org.get("ListAgents").json().getAsJsonArray("agents").size());

    var counters = org.get("GetAgentCounters?agent_id=legacy_agent-1").json().getAsJsonObject("counters");
    assertEquals(1042, counters.get("messages").getAsLong());
    assertEquals(1_099_511_627_776L, counters.get("tokens_in").getAsLong());
    assertEquals(false, counters.has("unused"));
    ApiResponse incremented = org.post("IncrementAgentCounter", "{\"agent_id\": \"legacy_agent-1\", \"counter\": \"messages\", \"delta\": 8}");
    assertEquals(1050, incremented.json().get("value").getAsLong(), incremented.body());

    ApiResponse other = org.post("CreateAgent", "{\"id\": \"legacy_agent-1\", \"name\": \"Grace\"}");
    assertEquals(409, other.status());
    assertEquals("id", other.errorField());
    assertEquals(204, org.delete("DeleteAgent?agent_id=legacy_agent-1", Map.of()).status());
    ApiResponse reused = org.post("CreateAgent", body);
    assertEquals(409, reused.status(), "a deleted agent's id is not reused: " + reused.body());
  }

  @Test
  void badIdsAndCountersAreRefusedNamingTheField() {
    ApiResponse badId = org.post("CreateAgent", "{\"id\": \"agent 1\", \"name\": \"Ada\"}");
    assertEquals(400, badId.status());
    assertEquals("id", badId.errorField());
    ApiResponse negative = org.post("CreateAgent", "{\"id\": \"a1\", \"name\": \"Ada\", \"counters\": {\"messages\": -1}}");
    assertEquals(400, negative.status());
    assertEquals("counters.messages", negative.errorField());
    ApiResponse fractional = org.post("CreateAgent", "{\"id\": \"a1\", \"name\": \"Ada\", \"counters\": {\"messages\": 1.5}}");
    assertEquals(400, fractional.status());
    assertEquals("counters.messages", fractional.errorField());
    assertEquals(404, org.get("GetAgent?agent_id=a1").status(), "nothing was written");
  }

  @Test
  void anFaqCreatedTwiceUnderOneIdIsOneFaq() {
    String body = "{\"id\": \"faq-7\", \"question\": \"How do I reset my password?\", \"answer\": \"Use the link.\", \"tags\": [\"a\", \"a\"]}";
    assertEquals(201, org.post("CreateFaq", body).status());
    ApiResponse again = org.post("CreateFaq", body);
    assertEquals(200, again.status(), again.body());
    assertEquals("faq-7", org.get("GetFaq?faq_id=faq-7").json().get("id").getAsString());
    ApiResponse other = org.post("CreateFaq", "{\"id\": \"faq-7\", \"question\": \"Another?\", \"answer\": \"No.\"}");
    assertEquals(409, other.status());
    assertEquals("id", other.errorField());
    assertEquals(1, org.get("ListFaqs").json().getAsJsonArray("faqs").size());
  }

  @Test
  void aDocumentCreatedTwiceUnderOneIdIsOneDocumentIndexedOnce() {
    String body = "{\"id\": \"doc-7\", \"title\": \" Handbook \", \"content\": \"Café ☕\\n\\nBadges at the desk.\", \"metadata\": {\"pages\": 3}}";
    assertEquals(202, org.post("CreateDocument", body).status());
    ApiResponse again = org.post("CreateDocument", body);
    assertEquals(200, again.status(), again.body());
    assertEquals("doc-7", again.json().get("id").getAsString());
    ApiResponse otherContent = org.post("CreateDocument", "{\"id\": \"doc-7\", \"title\": \"Handbook\", \"content\": \"Other.\", \"metadata\": {\"pages\": 3}}");
    assertEquals(409, otherContent.status());
    assertEquals("id", otherContent.errorField());
    assertEquals("Café ☕\n\nBadges at the desk.", org.get("GetDocument?document_id=doc-7").json().get("content").getAsString());
    assertEquals(1, org.get("ListDocuments").json().getAsJsonArray("documents").size());
  }

  @Test
  void aLegacyPaymentIntentImportedTwiceIsOneIntentWithOneLedger() {
    String body = "{\"legacy_id\": \"pi_legacy_9\", \"amount\": 5000, \"currency\": \"usd\", \"status\": \"succeeded\","
        + " \"amount_received\": 5000, \"amount_refunded\": 1000, \"created_at\": \"2026-10-01T09:00:00Z\", \"transactions\": ["
        + "{\"legacy_id\": \"t9a\", \"kind\": \"payment\", \"amount\": 5000, \"currency\": \"usd\", \"created_at\": \"2026-10-01T09:00:05Z\"},"
        + "{\"legacy_id\": \"t9b\", \"kind\": \"refund\", \"amount\": 1000, \"currency\": \"usd\", \"created_at\": \"2026-10-03T12:00:00Z\"}]}";
    ApiResponse first = org.post("ImportPaymentIntent", body);
    assertEquals(201, first.status(), first.body());
    assertEquals(com.agenthub.migrate.snapshot.LegacyIds.paymentIntentId("pi_legacy_9"), first.json().get("id").getAsString(),
        "the CLI derives the id the function does");
    ApiResponse again = org.post("ImportPaymentIntent", body);
    assertEquals(200, again.status(), again.body());
    assertEquals(first.json().get("id"), again.json().get("id"));
    assertEquals(4, org.get("ListLedgerEntries").json().getAsJsonArray("ledger_entries").size(), "written once");
    assertEquals(4000, org.get("GetBalance").json().getAsJsonArray("balances").get(0).getAsJsonObject().get("received").getAsLong());
    ApiResponse notAddingUp = org.post("ImportPaymentIntent", body.replace("\"amount_refunded\": 1000", "\"amount_refunded\": 900")
        .replace("pi_legacy_9", "pi_legacy_10"));
    assertEquals(400, notAddingUp.status());
    assertEquals("amount_refunded", notAddingUp.errorField());
    ApiResponse zeroDecimal = org.post("ImportPaymentIntent", "{\"legacy_id\": \"pi_jpy\", \"amount\": 500, \"currency\": \"jpy\","
        + " \"status\": \"processing\", \"created_at\": \"2026-10-01T09:00:00Z\", \"transactions\": [{\"legacy_id\": \"x\","
        + " \"kind\": \"payment\", \"amount\": 50.5, \"currency\": \"jpy\", \"created_at\": \"2026-10-01T09:00:00Z\"}]}");
    assertEquals(400, zeroDecimal.status());
    assertEquals("transactions[0].amount", zeroDecimal.errorField());
  }
}
