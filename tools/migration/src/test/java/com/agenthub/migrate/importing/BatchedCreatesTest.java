package com.agenthub.migrate.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.migrate.api.LocalApiServer;
import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.Snapshot;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agents and FAQ lanes of an import against a real HTTP server on 127.0.0.1 that answers from a
 * script: what each CreateAgents / CreateFaqs answer does to the batch's outcome, and what is sent again.
 */
class BatchedCreatesTest {

  private final ValidatedSnapshot snapshot = snapshot();
  private final Batch agents = new Batch("agents:0", Dictionary.AGENTS, snapshot.valid(Dictionary.AGENTS));
  private LocalApiServer server;

  private static ValidatedSnapshot snapshot() {
    try {
      return ValidatedSnapshot.of(Snapshot.read(Path.of("examples/snapshot")), Instant.parse("2026-11-28T06:00:00Z"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Answers the n-th request with the n-th (status, body) of the script. */
  private PublicApi serve(List<Object[]> script) throws Exception {
    server = LocalApiServer.answering(request -> {
      Object[] answer = script.get(Math.min(request.number(), script.size() - 1));
      return new LocalApiServer.Reply((Integer) answer[0], (String) answer[1]);
    });
    return server.api(1);
  }

  /** The paths called, in order. */
  private List<String> paths() {
    return server.requests().stream().map(LocalApiServer.Request::path).toList();
  }

  /** The bodies sent, in order. */
  private List<JsonObject> bodies() {
    return server.requests().stream().map(r -> JsonParser.parseString(r.body()).getAsJsonObject()).toList();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private BatchOutcome run(PublicApi api) {
    return new BatchRunner(api, snapshot).run(agents);
  }

  @Test
  void bothAgentsGoInOneCallWithTheirCountersAndEachAnswerCounts() throws Exception {
    BatchOutcome outcome = run(serve(List.<Object[]>of(new Object[] {200, "{\"agents\": [{\"index\": 0, \"result\": \"created\"}, "
        + "{\"index\": 1, \"result\": \"error\", \"error\": {\"code\": \"conflict\", \"message\": \"other fields\", \"field\": \"agents[1].id\"}}]}"})));
    assertEquals(List.of("/CreateAgents"), paths());
    assertEquals(2, bodies().get(0).getAsJsonArray("agents").size());
    assertEquals(1042, bodies().get(0).getAsJsonArray("agents").get(0).getAsJsonObject().getAsJsonObject("counters").get("messages").getAsLong());
    assertEquals(1, outcome.created());
    assertEquals(1, outcome.companionsCreated(), "agent_1's counters came with it");
    assertEquals(1, outcome.conflicts().size());
    assertEquals("id", outcome.conflicts().get(0).field());
    assertEquals(snapshot.valid(Dictionary.AGENTS).get(1).legacyId(), outcome.conflicts().get(0).legacyId());
  }

  @Test
  void anAgentTheApiNamesIsRejectedAndTheRestSentAgain() throws Exception {
    BatchOutcome outcome = run(serve(List.of(
        new Object[] {400, "{\"error\": {\"code\": \"invalid_argument\", \"message\": \"bad\", \"field\": \"agents[0].name\"}}"},
        new Object[] {200, "{\"agents\": [{\"index\": 0, \"result\": \"found\"}]}"})));
    assertEquals(List.of("/CreateAgents", "/CreateAgents"), paths());
    assertEquals(1, bodies().get(1).getAsJsonArray("agents").size());
    assertEquals(bodies().get(0).getAsJsonArray("agents").get(1), bodies().get(1).getAsJsonArray("agents").get(0));
    assertEquals(1, outcome.rejected().size());
    assertEquals("name", outcome.rejected().get(0).field());
    assertEquals(1, outcome.existing());
  }

  @Test
  void aCallRefusedWholeGoesOneAgentAtATime() throws Exception {
    BatchOutcome outcome = run(serve(List.of(
        new Object[] {400, "{\"error\": {\"code\": \"malformed_request\", \"message\": \"nested deeper than 16\", \"field\": null}}"},
        new Object[] {201, "{}"}, new Object[] {200, "{}"})));
    assertEquals(List.of("/CreateAgents", "/CreateAgent", "/CreateAgent"), paths());
    assertEquals(1, outcome.created());
    assertEquals(1, outcome.existing());
  }

  @Test
  void aPerItemErrorOtherThanAConflictFailsTheBatch() throws Exception {
    PublicApi api = serve(List.<Object[]>of(new Object[] {200, "{\"agents\": [{\"index\": 0, \"result\": \"created\"}, "
        + "{\"index\": 1, \"result\": \"error\", \"error\": {\"code\": \"limit_exceeded\", \"message\": \"full\", \"field\": \"agents[1].agents_per_organization\"}}]}"}));
    assertEquals(BatchRunner.BatchFailedException.class,
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> run(api)).getClass(),
        "left out of the checkpoint: the next run finds the first and creates the second");
  }

  @Test
  void faqsGoInOneCreateFaqsCallUnderTheirKeptIds() throws Exception {
    Batch faqs = new Batch("faqs_store:0", Dictionary.FAQS_STORE, snapshot.valid(Dictionary.FAQS_STORE));
    BatchOutcome outcome = new BatchRunner(serve(List.<Object[]>of(new Object[] {200, "{\"faqs\": [{\"index\": 0, \"result\": \"created\"}]}"})),
        snapshot).run(faqs);
    assertEquals(List.of("/CreateFaqs"), paths());
    JsonObject sent = bodies().get(0).getAsJsonArray("faqs").get(0).getAsJsonObject();
    assertEquals("faq-1", sent.get("id").getAsString());
    assertEquals("How do I reset my password?", sent.get("question").getAsString());
    assertEquals(1, outcome.created());
  }

  @Test
  void aFaqCallRefusedWholeGoesOneFaqAtATimeAndAConflictIsNamed() throws Exception {
    Batch faqs = new Batch("faqs_store:0", Dictionary.FAQS_STORE, snapshot.valid(Dictionary.FAQS_STORE));
    BatchOutcome outcome = new BatchRunner(serve(List.of(
        new Object[] {413, "{\"error\": {\"code\": \"payload_too_large\", \"message\": \"too large\", \"field\": null}}"},
        new Object[] {409, "{\"error\": {\"code\": \"conflict\", \"message\": \"other fields\", \"field\": \"id\"}}"})), snapshot).run(faqs);
    assertEquals(List.of("/CreateFaqs", "/CreateFaq"), paths());
    assertEquals(1, outcome.conflicts().size());
    assertEquals("faq-1", outcome.conflicts().get(0).legacyId());
  }
}
