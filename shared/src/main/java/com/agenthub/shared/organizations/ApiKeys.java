package com.agenthub.shared.organizations;

import com.agenthub.shared.auth.ApiKeyPaths;
import com.agenthub.shared.auth.ApiKeySecret;
import com.agenthub.shared.auth.Principal;
import com.agenthub.shared.auth.Role;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
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
import com.agenthub.shared.warehouse.ApiKeyChangeRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Issuing, listing and revoking an organization's API keys. A key carries scopes: never more than
 * the key that issues it, and, when it belongs to a user, never more than that user's role allows.
 */
public final class ApiKeys {

  private final DocumentStore store;
  private final Clock clock;
  private final Pager pager;

  public ApiKeys(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  /** A key with every scope and no user (what an organization's first key is). */
  public IssuedApiKey issue(String organizationId, String name) {
    IssuedApiKey issued = prepare(organizationId, Names.require("name", name), Scope.all(), Optional.empty());
    store.commit(writesFor(issued, Optional.empty()));
    return issued;
  }

  /**
   * A key issued by {@code caller}: with {@code requested} scopes (default: the caller's own),
   * belonging to {@code userId} (default: the caller's user, if it has one). 403 when a scope is
   * beyond the caller's key or beyond the user's role; 404 when the user is not in the organization.
   */
  public IssuedApiKey issue(String organizationId, String name, Optional<Set<Scope>> requested, Optional<String> userId,
      Principal caller) {
    String validName = Names.require("name", name);
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    scopes.addAll(requested.orElse(caller.scopes()));
    if (scopes.isEmpty()) {
      throw ApiError.invalid("scopes", "a key needs at least one scope");
    }
    Set<Scope> beyondCaller = minus(scopes, caller.scopes());
    if (!beyondCaller.isEmpty()) {
      throw ApiError.withField(ErrorKind.FORBIDDEN, "scopes",
          "this API key cannot grant scopes it does not carry itself: " + wires(beyondCaller));
    }
    Optional<String> owner = userId.map(id -> Ids.require("user_id", id)).or(caller::userId);
    IssuedApiKey issued = prepare(organizationId, validName, scopes, owner);
    if (owner.isEmpty()) {
      store.commit(writesFor(issued, Optional.empty()));
      return issued;
    }
    DocumentPath userPath = Users.userPath(organizationId, owner.get());
    DocumentPath indexPath = Users.userKeysPath(organizationId, owner.get());
    // In a transaction with the user: a key cannot be issued to a user being deleted, nor escape its revocation.
    store.inTransaction(tx -> {
      StoredDocument user = tx.get(userPath).orElseThrow(() -> ApiError.notFound("user"));
      Optional<StoredDocument> index = tx.get(indexPath);
      Role role = Role.parse("role", user.string("role"));
      if (caller.role().isPresent() && !owner.equals(caller.userId()) && role.ordinal() < caller.role().get().ordinal()) {
        // Otherwise an admin could mint a key of an owner, and act as one.
        throw ApiError.withField(ErrorKind.FORBIDDEN, "user_id", "a key of a user with the role '"
            + caller.role().get().wire() + "' cannot issue keys for a user with the higher role '" + role.wire() + "'");
      }
      Set<Scope> beyondRole = minus(scopes, role.ceiling());
      if (!beyondRole.isEmpty()) {
        throw ApiError.withField(ErrorKind.FORBIDDEN, "scopes", "a key of a user with the role '" + role.wire()
            + "' cannot carry " + wires(beyondRole) + "; that role allows " + wires(role.ceiling()));
      }
      writesFor(issued, Optional.of(role)).forEach(tx::write);
      List<Object> keyIds = new ArrayList<>(index.map(i -> (List<?>) i.data().getOrDefault("key_ids", List.of()))
          .orElse(List.of()));
      keyIds.add(issued.key().id());
      tx.write(Write.set(indexPath, Map.of("user_id", owner.get(), "key_ids", keyIds)));
      return null;
    });
    return issued;
  }

  public Page<ApiKey> list(String organizationId, PageRequest page) {
    return pager.page(Query.all(ApiKeyPaths.keys(organizationId), 1), "created_at", page)
        .map(ApiKeys::fromDocument);
  }

  /** Any key of the organization, as an organization key (no user) may: for callers that hold no principal. */
  public ApiKey revoke(String organizationId, String keyId) {
    return revoke(organizationId, keyId, Principal.organization(organizationId, "system"));
  }

  /**
   * Revoking is idempotent: a key revoked earlier stays revoked at its first revocation time. A
   * user's key cannot revoke the keys of a user with a higher role (403).
   */
  public ApiKey revoke(String organizationId, String keyId, Principal caller) {
    DocumentPath path = ApiKeyPaths.keys(organizationId).document(Ids.require("key_id", keyId));
    return store.inTransaction(tx -> {
      StoredDocument current = tx.get(path).orElseThrow(() -> ApiError.notFound("API key"));
      Optional<String> keyUser = Optional.ofNullable(current.string("user_id"));
      if (caller.role().isPresent() && keyUser.isPresent() && !keyUser.equals(caller.userId())) {
        Optional<Role> keyRole = tx.get(Users.userPath(organizationId, keyUser.get()))
            .map(u -> Role.parse("role", u.string("role")));
        if (keyRole.isPresent() && keyRole.get().ordinal() < caller.role().get().ordinal()) {
          throw ApiError.withField(ErrorKind.FORBIDDEN, "key_id", "a key of a user with the role '"
              + caller.role().get().wire() + "' cannot revoke the keys of a user with the higher role '" + keyRole.get().wire() + "'");
        }
      }
      if (current.field("revoked_at").isPresent()) {
        return fromDocument(current);
      }
      Instant now = now();
      revocationWrites(current, now).forEach(tx::write);
      return revokedKey(current, now);
    });
  }

  /** The writes that revoke a key whose metadata is {@code current}: in one commit, with their change record. */
  static List<Write> revocationWrites(StoredDocument current, Instant now) {
    return List.of(
        Write.update(current.path(), Map.of("revoked_at", now), Optional.of(current.version())),
        Write.update(ApiKeyPaths.hash(current.string("key_hash")), Map.of("revoked", true), Optional.empty()),
        changeRecord(Change.REVOKED, revokedKey(current, now), now));
  }

  /** The keys of a user whose index is {@code index}: their metadata, read in {@code tx}. */
  static List<StoredDocument> keysOf(DocumentStore.Transaction tx, String organizationId, Optional<StoredDocument> index) {
    List<DocumentPath> paths = index.map(i -> (List<?>) i.data().getOrDefault("key_ids", List.of())).orElse(List.of())
        .stream().map(id -> ApiKeyPaths.keys(organizationId).document((String) id)).toList();
    return tx.getAll(paths).stream().flatMap(Optional::stream).toList();
  }

  private static ApiKey revokedKey(StoredDocument current, Instant now) {
    Map<String, Object> revoked = new LinkedHashMap<>(current.data());
    revoked.put("revoked_at", now);
    return fromDocument(new StoredDocument(current.path(), revoked, current.version()));
  }

  /** A key ready to store, so an organization and its first key can be committed together. */
  IssuedApiKey prepare(String organizationId, String name) {
    return prepare(organizationId, name, Scope.all(), Optional.empty());
  }

  private IssuedApiKey prepare(String organizationId, String name, Set<Scope> scopes, Optional<String> userId) {
    String secret = ApiKeySecret.generate();
    ApiKey key = new ApiKey(Ids.newId(), organizationId, name, ApiKeySecret.displayPrefix(secret), scopes, userId, now(),
        Optional.empty());
    return new IssuedApiKey(key, secret);
  }

  List<Write> writesFor(IssuedApiKey issued) {
    return writesFor(issued, Optional.empty());
  }

  /** The key's metadata, its lookup document (which the authenticator reads: scopes, user, role) and its change record. */
  private static List<Write> writesFor(IssuedApiKey issued, Optional<Role> role) {
    ApiKey key = issued.key();
    String hash = ApiKeySecret.sha256Hex(issued.secret());
    List<String> scopes = key.scopes().stream().map(Scope::wire).toList();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("id", key.id());
    metadata.put("organization_id", key.organizationId());
    metadata.put("name", key.name());
    metadata.put("prefix", key.prefix());
    metadata.put("key_hash", hash);
    metadata.put("scopes", scopes);
    metadata.put("user_id", key.userId().orElse(null));
    metadata.put("created_at", key.createdAt());
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put("organization_id", key.organizationId());
    lookup.put("key_id", key.id());
    lookup.put("revoked", false);
    lookup.put("scopes", scopes);
    key.userId().ifPresent(u -> lookup.put("user_id", u));
    role.ifPresent(r -> lookup.put("role", r.wire()));
    return List.of(
        Write.create(ApiKeyPaths.keys(key.organizationId()).document(key.id()), metadata),
        Write.create(ApiKeyPaths.hash(hash), lookup),
        changeRecord(Change.CREATED, key, key.createdAt()));
  }

  /** The outbox record of a change, carrying the key's metadata after it (never the key or its hash). */
  private static Write changeRecord(String changeType, ApiKey key, Instant at) {
    return Outbox.record(Change.of(new ApiKeyChangeRow(Ids.newId(), changeType, at, key.organizationId(),
        key.id(), key.name(), key.prefix(), key.createdAt(), key.revokedAt(), key.userId(),
        Optional.of(wires(key.scopes()).replace(",", "")))), at);
  }

  /** Keys stored before scopes existed have none recorded: they have every scope. */
  private static ApiKey fromDocument(StoredDocument doc) {
    Set<Scope> scopes = Scope.all();
    if (doc.data().get("scopes") instanceof List<?> stored) {
      scopes = EnumSet.noneOf(Scope.class);
      for (Object wire : stored) {
        for (Scope scope : Scope.values()) {
          if (scope.wire().equals(wire)) {
            scopes.add(scope);
          }
        }
      }
    }
    return new ApiKey(doc.id(), doc.string("organization_id"), doc.string("name"), doc.string("prefix"), scopes,
        Optional.ofNullable(doc.string("user_id")), doc.instant("created_at"), Optional.ofNullable(doc.instant("revoked_at")));
  }

  private static Set<Scope> minus(Set<Scope> scopes, Set<Scope> allowed) {
    Set<Scope> beyond = EnumSet.noneOf(Scope.class);
    beyond.addAll(scopes);
    beyond.removeAll(allowed);
    return beyond;
  }

  static String wires(Set<Scope> scopes) {
    return Arrays.stream(Scope.values()).filter(scopes::contains).map(Scope::wire).collect(Collectors.joining(", "));
  }

  private Instant now() {
    return Timestamps.now(clock);
  }
}
