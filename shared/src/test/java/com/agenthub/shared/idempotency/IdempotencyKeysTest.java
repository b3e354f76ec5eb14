package com.agenthub.shared.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private Instant now = Instant.parse("2026-11-26T10:00:00Z");
  private final IdempotencyKeys keys = new IdempotencyKeys(store, new Clock() {
    public ZoneOffset getZone() { return ZoneOffset.UTC; }
    public Clock withZone(java.time.ZoneId zone) { return this; }
    public Instant instant() { return now; }
  });

  @Test
  void aSecondClaimWhileTheFirstIsInFlightIs409() {
    assertTrue(keys.claim("o", "CreateAgent", "k", "h").isEmpty());
    ApiError conflict = assertThrows(ApiError.class, () -> keys.claim("o", "CreateAgent", "k", "h"));
    assertEquals(ErrorKind.CONFLICT, conflict.kind());
  }

  @Test
  void aCompletedClaimReplaysAndAnAbandonedOneCanBeTakenOver() {
    keys.claim("o", "CreateAgent", "done", "h");
    keys.complete("o", "CreateAgent", "done", new IdempotencyKeys.Reply(201, "{\"id\":\"x\"}"));
    assertEquals(Optional.of(new IdempotencyKeys.Reply(201, "{\"id\":\"x\"}")), keys.claim("o", "CreateAgent", "done", "h"));

    keys.claim("o", "CreateAgent", "crashed", "h");
    now = now.plus(IdempotencyKeys.ABANDONED_AFTER).plusSeconds(1);
    assertTrue(keys.claim("o", "CreateAgent", "crashed", "h").isEmpty(), "a dead request's claim expires");
  }

  @Test
  void keysAreScopedByOrganizationAndOperation() {
    assertTrue(keys.claim("o1", "CreateAgent", "same", "h").isEmpty());
    assertTrue(keys.claim("o2", "CreateAgent", "same", "h").isEmpty());
    assertTrue(keys.claim("o1", "CreateApiKey", "same", "h").isEmpty());
  }
}
