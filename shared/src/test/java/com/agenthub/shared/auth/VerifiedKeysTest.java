package com.agenthub.shared.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.changes.AfterCommitDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The per-instance cache of verified keys: bounded staleness, nothing but valid keys kept, local changes seen at once. */
class VerifiedKeysTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(10);

  private final AtomicLong now = new AtomicLong();
  private final VerifiedKeys keys = new VerifiedKeys(MAX_AGE, now::get);
  private final AtomicInteger reads = new AtomicInteger();
  private final Principal alice = Principal.organization("org", "k1");

  private Function<String, Principal> valid(Principal principal) {
    return hash -> {
      reads.incrementAndGet();
      return principal;
    };
  }

  private Function<String, Principal> refused() {
    return hash -> {
      reads.incrementAndGet();
      throw ApiError.of(ErrorKind.UNAUTHENTICATED, "this API key has been revoked");
    };
  }

  @Test
  void aVerifiedKeyIsServedFromTheCacheUntilItsMaxAgeThenReadAgain() {
    assertEquals(alice, keys.principal("h", valid(alice)));
    now.addAndGet(MAX_AGE.toNanos() - 1);
    assertEquals(alice, keys.principal("h", valid(alice)));
    assertEquals(1, reads.get());

    now.addAndGet(1); // exactly max age after the read began: revoked elsewhere meanwhile, so refused now
    assertThrows(ApiError.class, () -> keys.principal("h", refused()));
    assertEquals(2, reads.get());
  }

  @Test
  void anUnknownOrRevokedKeyIsNeverCached() {
    assertThrows(ApiError.class, () -> keys.principal("h", refused()));
    assertThrows(ApiError.class, () -> keys.principal("h", refused()));
    assertEquals(alice, keys.principal("h", valid(alice)), "a key refused a moment ago is read again, not remembered");
    assertEquals(3, reads.get());
  }

  @Test
  void aKeyChangedOnThisInstanceIsReadAgainAtOnce() {
    keys.principal("h", valid(alice));
    keys.forgetChanged(List.of(Write.update(ApiKeyPaths.hash("h"), Map.of("revoked", true), Optional.empty())));
    assertThrows(ApiError.class, () -> keys.principal("h", refused()));
  }

  @Test
  void writesToOtherDocumentsForgetNothing() {
    keys.principal("h", valid(alice));
    keys.forgetChanged(List.of(Write.update(ApiKeyPaths.keys("org").document("h"), Map.of("x", 1), Optional.empty()),
        Write.set(com.agenthub.shared.port.DocumentPath.of("organizations", "h"), Map.of())));
    keys.principal("h", valid(alice));
    assertEquals(1, reads.get());
  }

  @Test
  void aReadThatBeganBeforeALocalChangeIsNotKept() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch changed = new CountDownLatch(1);
    CompletableFuture<Principal> slow = CompletableFuture.supplyAsync(() -> keys.principal("h", hash -> {
      reading.countDown();
      await(changed); // the revocation commits here, after this read saw the key valid
      return alice;
    }));
    reading.await(5, TimeUnit.SECONDS);
    keys.forget("h");
    changed.countDown();
    assertEquals(alice, slow.get(5, TimeUnit.SECONDS));

    assertThrows(ApiError.class, () -> keys.principal("h", refused()), "what the old read saw was not cached");
  }

  @Test
  void concurrentMissesOfOneKeyMakeOneRead() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Principal>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> keys.principal("h", hash -> {
        reads.incrementAndGet();
        await(release);
        return alice;
      }), java.util.concurrent.Executors.newSingleThreadExecutor()));
    }
    Thread.sleep(200);
    release.countDown();
    for (CompletableFuture<Principal> call : calls) {
      assertEquals(alice, call.get(5, TimeUnit.SECONDS));
    }
    assertEquals(1, reads.get());
  }

  @Test
  void theBoundCannotExceedThirtySeconds() {
    assertThrows(IllegalArgumentException.class, () -> new VerifiedKeys(Duration.ofSeconds(31)));
    new VerifiedKeys(VerifiedKeys.MAX_STALENESS);
  }

  @Test
  void throughTheAuthenticatorARevocationCommittedHereIsRefusedAtOnce() {
    InMemoryDocumentStore memory = new InMemoryDocumentStore();
    VerifiedKeys cache = new VerifiedKeys(MAX_AGE);
    DocumentStore store = new AfterCommitDocumentStore(memory, cache::forgetChanged);
    Authenticator authenticator = new Authenticator(store, Optional.empty(), cache);
    String secret = ApiKeySecret.generate();
    String hash = ApiKeySecret.sha256Hex(secret);
    store.commit(List.of(Write.set(ApiKeyPaths.hash(hash), Map.of("organization_id", "org", "key_id", "k", "revoked", false))));
    assertEquals(Optional.of("org"), authenticator.organization(Optional.of("Bearer " + secret)).organizationId());

    // Another instance's write (straight to the database) is not seen while the entry is fresh ...
    memory.commit(List.of(Write.update(ApiKeyPaths.hash(hash), Map.of("role", "viewer"), Optional.empty())));
    assertEquals(Scope.all(), authenticator.organization(Optional.of("Bearer " + secret)).scopes());
    // ... but one committed through this instance's store is, at once.
    store.commit(List.of(Write.update(ApiKeyPaths.hash(hash), Map.of("revoked", true), Optional.empty())));
    ApiError refused = assertThrows(ApiError.class, () -> authenticator.organization(Optional.of("Bearer " + secret)));
    assertEquals(ErrorKind.UNAUTHENTICATED, refused.kind());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
