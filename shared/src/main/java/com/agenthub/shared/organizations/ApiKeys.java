package com.agenthub.shared.organizations;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.warehouse.ApiKeyChangeRow;
import com.agenthub.shared.auth.ApiKeyPaths;
import com.agenthub.shared.auth.ApiKeySecret;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Issuing, listing and revoking an organization's API keys. */
public final class ApiKeys {

  private final DocumentStore store;
  private final Clock clock;
  private final Pager pager;

  public ApiKeys(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  public IssuedApiKey issue(String organizationId, String name) {
    IssuedApiKey issued = prepare(organizationId, Names.require("name", name));
    store.commit(writesFor(issued));
    return issued;
  }

  public Page<ApiKey> list(String organizationId, PageRequest page) {
    return pager.page(Query.all(ApiKeyPaths.keys(organizationId), 1), "created_at", page)
        .map(ApiKeys::fromDocument);
  }

  /** Revoking is idempotent: a key revoked earlier stays revoked at its first revocation time. */
  public ApiKey revoke(String organizationId, String keyId) {
    DocumentPath path = ApiKeyPaths.keys(organizationId).document(Ids.require("key_id", keyId));
    return store.inTransaction(tx -> {
      StoredDocument current = tx.get(path).orElseThrow(() -> ApiError.notFound("API key"));
      if (current.field("revoked_at").isPresent()) {
        return fromDocument(current);
      }
      Instant now = now();
      tx.write(Write.update(path, Map.of("revoked_at", now), Optional.of(current.version())));
      tx.write(Write.update(ApiKeyPaths.hash(current.string("key_hash")), Map.of("revoked", true), Optional.empty()));
      Map<String, Object> revoked = new LinkedHashMap<>(current.data());
      revoked.put("revoked_at", now);
      ApiKey key = fromDocument(new StoredDocument(path, revoked, current.version()));
      tx.write(changeRecord(Change.REVOKED, key, now));
      return key;
    });
  }

  /** A key ready to store, so an organization and its first key can be committed together. */
  IssuedApiKey prepare(String organizationId, String name) {
    String secret = ApiKeySecret.generate();
    ApiKey key = new ApiKey(Ids.newId(), organizationId, name, ApiKeySecret.displayPrefix(secret), now(), Optional.empty());
    return new IssuedApiKey(key, secret);
  }

  List<Write> writesFor(IssuedApiKey issued) {
    ApiKey key = issued.key();
    String hash = ApiKeySecret.sha256Hex(issued.secret());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("id", key.id());
    metadata.put("organization_id", key.organizationId());
    metadata.put("name", key.name());
    metadata.put("prefix", key.prefix());
    metadata.put("key_hash", hash);
    metadata.put("created_at", key.createdAt());
    return List.of(
        Write.create(ApiKeyPaths.keys(key.organizationId()).document(key.id()), metadata),
        Write.create(ApiKeyPaths.hash(hash), Map.of(
            "organization_id", key.organizationId(), "key_id", key.id(), "revoked", false)),
        changeRecord(Change.CREATED, key, key.createdAt()));
  }

  /** The outbox record of a change, carrying the key's metadata after it (never the key or its hash). */
  private static Write changeRecord(String changeType, ApiKey key, Instant at) {
    return Outbox.record(Change.of(new ApiKeyChangeRow(Ids.newId(), changeType, at, key.organizationId(),
        key.id(), key.name(), key.prefix(), key.createdAt(), key.revokedAt())), at);
  }

  private static ApiKey fromDocument(StoredDocument doc) {
    return new ApiKey(doc.id(), doc.string("organization_id"), doc.string("name"), doc.string("prefix"),
        doc.instant("created_at"), Optional.ofNullable(doc.instant("revoked_at")));
  }

  private Instant now() {
    return Timestamps.now(clock);
  }
}
