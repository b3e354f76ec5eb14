package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A document of ~1 MiB: CreateDocument answers at once (the chunking and ~1,000 embeddings run in
 * IndexDocument, through Pub/Sub, continuing across deliveries), and it ends ready and searchable
 * to its last sentence.
 */
class LargeDocumentHttpTest {

  @Test
  void aOneMebibyteDocumentIndexesThroughPubSubWithoutHoldingTheRequest() throws Exception {
    ApiClient org = LocalStackFixture.newOrganization("Large document");
    StringBuilder content = new StringBuilder();
    for (int i = 0; ; i++) {
      String sentence = "Entry " + i + " of the ledger notes that depot " + (i * 31 % 997) + " shipped " + (i * 17 % 541)
          + " crates on day " + (i % 365) + ". " + (i % 11 == 10 ? "\n\n" : "");
      if (content.length() + sentence.length() > 1024 * 1024 - 200) {
        break;
      }
      content.append(sentence);
    }
    content.append("The final entry mentions a zeppelin made of marzipan.");
    assertTrue(content.toString().getBytes(StandardCharsets.UTF_8).length <= 1024 * 1024);

    Instant asked = Instant.now();
    String id = DocumentsHttpTest.create(org, "Depot ledger", content.toString(), "");
    Duration answeredIn = Duration.between(asked, Instant.now());
    assertTrue(answeredIn.compareTo(Duration.ofSeconds(10)) < 0, "CreateDocument answers without indexing: " + answeredIn);

    JsonObject ready = DocumentsHttpTest.awaitReady(org, id, Duration.ofMinutes(8));
    assertTrue(ready.get("chunk_count").getAsInt() > 900, "about a thousand chunks: " + ready);
    assertEquals(content.toString().getBytes(StandardCharsets.UTF_8).length, ready.get("content_bytes").getAsInt());
    JsonObject found = DocumentsHttpTest.search(org, "{\"query\": \"zeppelin marzipan\", \"mode\": \"keyword\", \"top_k\": 1}");
    JsonObject hit = found.getAsJsonArray("hits").get(0).getAsJsonObject();
    assertTrue(hit.get("text").getAsString().endsWith("zeppelin made of marzipan."), hit.toString());
    assertEquals(content.length(), hit.get("end").getAsInt());
  }
}
