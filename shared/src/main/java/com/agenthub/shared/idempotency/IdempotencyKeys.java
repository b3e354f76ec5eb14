package com.agenthub.shared.idempotency;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.GroupedWrites;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a retried request safe: the first request with an Idempotency-Key claims it, and every
 * later one with the same key gets the first one's reply instead of acting twice. Only successful
 * replies are kept; a failed request releases its key so a corrected retry can run.
 */
public final class IdempotencyKeys {

  /** How long a reply is replayed; Firestore's TTL policy on expires_at deletes the record after. */
  public static final Duration RETENTION = Duration.ofHours(24);
  /** A claim older than this without a reply belongs to a request that died; the next may take over. */
  static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
  private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");
  public static final String FIELD = "Idempotency-Key";

  /** A reply as it was sent: status, JSON text, and the headers a replay must carry again (ETag). */
  public record Reply(int status, String body, Map<String, String> headers) {
    public Reply {
      headers = Map.copyOf(headers);
    }

    public Reply(int status, String body) {
      this(status, body, Map.of());
    }
  }

  private final DocumentStore store;
  /** Claims, replies and releases of concurrent requests share commits: three of each request's round trips. */
  private final GroupedWrites writes;
  private final Clock clock;

  public IdempotencyKeys(DocumentStore store, Clock clock) {
    this.store = store;
    this.writes = new GroupedWrites(store);
    this.clock = clock;
  }

  /** Empty: this request holds the key now and must {@link #complete} or {@link #release} it. */
  public Optional<Reply> claim(String organizationId, String operation, String key, String requestHash) {
    DocumentPath path = path(organizationId, operation, key);
    Instant now = now();
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("operation", operation);
    claim.put("request_hash", requestHash);
    claim.put("state", "pending");
    claim.put("claimed_at", now);
    claim.put("expires_at", now.plus(RETENTION));
    try {
      writes.commit(Write.create(path, claim));
      return Optional.empty();
    } catch (StoreException e) {
      if (e.reason() != StoreException.Reason.ALREADY_EXISTS) {
        throw e;
      }
    }
    StoredDocument existing = store.get(path).orElseThrow(() -> inProgress());
    if (!requestHash.equals(existing.string("request_hash"))) {
      throw ApiError.withField(ErrorKind.UNPROCESSABLE, FIELD,
          "this Idempotency-Key was already used for a different request");
    }
    if ("done".equals(existing.string("state"))) {
      @SuppressWarnings("unchecked")
      Map<String, String> headers = (Map<String, String>) existing.data().getOrDefault("headers", Map.of());
      return Optional.of(new Reply((int) existing.longValue("status"), existing.string("body"), headers));
    }
    if (existing.instant("claimed_at").plus(ABANDONED_AFTER).isBefore(now)) {
      try {
        store.commit(java.util.List.of(Write.update(path, Map.of("claimed_at", now), Optional.of(existing.version()))));
        return Optional.empty();
      } catch (StoreException e) {
        throw inProgress();
      }
    }
    throw inProgress();
  }

  public void complete(String organizationId, String operation, String key, Reply reply) {
    writes.commit(Write.update(path(organizationId, operation, key),
        Map.of("state", "done", "status", (long) reply.status(), "body", reply.body(), "headers", reply.headers()),
        Optional.empty()));
  }

  public void release(String organizationId, String operation, String key) {
    writes.commit(Write.delete(path(organizationId, operation, key), Optional.empty()));
  }

  public static String requireValid(String key) {
    if (!FORMAT.matcher(key).matches()) {
      throw ApiError.invalid(FIELD, "Idempotency-Key must be 1..255 visible ASCII characters");
    }
    return key;
  }

  private static DocumentPath path(String organizationId, String operation, String key) {
    return CollectionPath.of("organizations", organizationId, "idempotency_keys").document(Sha256.hex(operation + "\n" + key));
  }

  private static ApiError inProgress() {
    return ApiError.withField(ErrorKind.CONFLICT, FIELD, "a request with this Idempotency-Key is still in progress; retry shortly");
  }

  private Instant now() {
    return Timestamps.now(clock);
  }
}
