package com.agenthub.functions.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ImportPaymentIntents through real HTTP, the dev server and the Firestore emulator. */
class ImportPaymentIntentsHttpTest {

  private ApiClient org;

  @BeforeEach
  void newTenant() {
    org = LocalStackFixture.newOrganization("ImportPaymentIntents HTTP test");
  }

  /** A succeeded legacy intent of {@code amount} usd cents, paid by one legacy transaction. */
  private static String paid(String legacyId, long amount) {
    return "{\"legacy_id\": \"" + legacyId + "\", \"amount\": " + amount + ", \"currency\": \"usd\", \"status\": \"succeeded\", "
        + "\"amount_received\": " + amount + ", \"created_at\": \"2026-10-01T09:00:00Z\", \"transactions\": [{\"legacy_id\": \"txn-"
        + legacyId + "\", \"kind\": \"payment\", \"amount\": " + amount + ", \"currency\": \"usd\", \"created_at\": \"2026-10-01T09:00:01Z\"}]}";
  }

  private static String batch(String... intents) {
    return "{\"intents\": [" + String.join(", ", intents) + "]}";
  }

  private static int intentCount(ApiClient client) {
    ApiResponse listed = client.get("ListPaymentIntents?page_size=100");
    assertEquals(200, listed.status(), listed.toString());
    return listed.json().getAsJsonArray("payment_intents").size();
  }

  private static List<String> results(JsonObject reply) {
    return reply.getAsJsonArray("intents").asList().stream().map(e -> e.getAsJsonObject().get("result").getAsString()).toList();
  }

  @Test
  void mixedNewImportedAndConflictingIntentsAnswerEachItem() {
    assertEquals(201, org.post("ImportPaymentIntent", paid("pi-same", 700)).status());
    assertEquals(201, org.post("ImportPaymentIntent", paid("pi-moved", 800)).status());

    ApiResponse answer = org.post("ImportPaymentIntents", batch(paid("pi-new", 500), paid("pi-same", 700), paid("pi-moved", 900)));
    assertEquals(200, answer.status(), answer.toString());
    assertEquals(List.of("created", "found", "error"), results(answer.json()));
    JsonObject conflict = answer.json().getAsJsonArray("intents").get(2).getAsJsonObject().getAsJsonObject("error");
    assertEquals("conflict", conflict.get("code").getAsString());
    assertEquals("intents[2].legacy_id", conflict.get("field").getAsString());
    JsonObject created = answer.json().getAsJsonArray("intents").get(0).getAsJsonObject().getAsJsonObject("payment_intent");
    assertEquals(created, org.get("GetPaymentIntent?payment_intent_id=" + created.get("id").getAsString()).json());
    assertEquals(3, intentCount(org));

    JsonObject again = org.post("ImportPaymentIntents", batch(paid("pi-new", 500), paid("pi-same", 700))).json();
    assertEquals(List.of("found", "found"), results(again), "a re-run writes nothing");
    assertEquals(3, intentCount(org));
  }

  @Test
  void anInvalidIntentIsA400NamingItAndNothingIsWritten() {
    String unbalanced = paid("pi-bad", 500).replace("\"amount_received\": 500", "\"amount_received\": 400");
    ApiResponse answer = org.post("ImportPaymentIntents", batch(paid("pi-1", 100), paid("pi-2", 200), unbalanced));
    assertEquals(400, answer.status(), answer.toString());
    assertEquals("intents[2].amount_received", answer.errorField());
    ApiResponse badTransaction = org.post("ImportPaymentIntents", batch(paid("pi-1", 100),
        paid("pi-2", 200).replace("\"kind\": \"payment\"", "\"kind\": \"gift\"")));
    assertEquals("intents[1].transactions[0].kind", badTransaction.errorField());
    assertEquals("intents[1].legacy_id", org.post("ImportPaymentIntents", batch(paid("pi-1", 100), paid("pi-1", 100))).errorField());
    assertEquals(0, intentCount(org));
  }

  @Test
  void anotherOrganizationImportsItsOwnAndSeesNoneOfThese() {
    ApiClient other = LocalStackFixture.newOrganization("ImportPaymentIntents other tenant");
    assertEquals(List.of("created"), results(org.post("ImportPaymentIntents", batch(paid("pi-shared", 100))).json()));
    assertEquals(List.of("created"), results(other.post("ImportPaymentIntents", batch(paid("pi-shared", 300))).json()),
        "the same legacy id in another organization is another intent");
    assertEquals(100, org.get("ListPaymentIntents").json().getAsJsonArray("payment_intents").get(0).getAsJsonObject().get("amount").getAsLong());
    assertEquals(1, intentCount(other));
    ApiClient readOnly = new ApiClient(LocalStackFixture.baseUrl(), "not-a-key");
    assertEquals(401, readOnly.post("ImportPaymentIntents", batch(paid("pi-x", 100))).status());
    ApiResponse replayed = org.send("POST", "ImportPaymentIntents", batch(paid("pi-k", 100)),
        Map.of("Idempotency-Key", "import-1", "Content-Type", "application/json"));
    assertEquals(200, replayed.status());
  }
}
