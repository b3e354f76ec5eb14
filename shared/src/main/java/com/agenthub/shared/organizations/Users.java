package com.agenthub.shared.organizations;

import com.agenthub.shared.auth.ApiKeyPaths;
import com.agenthub.shared.auth.Principal;
import com.agenthub.shared.auth.Role;
import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import com.agenthub.shared.warehouse.UserChangeRow;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's users (members) and their roles. Every change runs in a transaction with the
 * documents that keep the rules: a guard per normalized email (unique within the organization),
 * the owners count (the last owner cannot be demoted or removed, even by two concurrent
 * demotions: both read the count, only one commits, the other re-runs and sees one owner left),
 * and the user's key index (deleting a user revokes their keys in the same commit; a role change
 * narrows or widens them at once).
 */
public final class Users {

  private final DocumentStore store;
  private final Clock clock;
  private final Pager pager;

  public Users(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  public User create(String organizationId, NewUser request, Principal caller) {
    if (request.role() == Role.OWNER) {
      requireOwnerLevel(caller, "make a user an owner");
    }
    String id = Ids.newId();
    Instant now = Timestamps.now(clock);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", organizationId);
    data.put("email", request.email());
    data.put("display_name", request.displayName());
    data.put("role", request.role().wire());
    data.put("external_subject", request.externalSubject().orElse(null));
    data.put("created_at", now);
    data.put("updated_at", now);
    DocumentPath guard = emailGuardPath(organizationId, request.email());
    if (request.role() != Role.OWNER) {
      // No owners count to keep: the guard's create precondition alone decides a race for the email,
      // with no transaction for concurrent creates to contend on (ten at once aborted one as 503).
      try {
        store.commit(List.of(Write.create(userPath(organizationId, id), data), Write.create(guard, Map.of("user_id", id)),
            changeRecord(Change.CREATED, data, now)));
      } catch (StoreException e) {
        throw e.reason() == StoreException.Reason.ALREADY_EXISTS ? emailTaken(request.email()) : e;
      }
      return get(organizationId, id);
    }
    store.inTransaction(tx -> {
      Optional<StoredDocument> taken = tx.get(guard);
      Optional<StoredDocument> owners = tx.get(ownersPath(organizationId));
      if (taken.isPresent()) {
        throw emailTaken(request.email());
      }
      tx.write(Write.create(userPath(organizationId, id), data));
      tx.write(Write.create(guard, Map.of("user_id", id)));
      tx.write(ownersCount(organizationId, count(owners) + 1));
      tx.write(changeRecord(Change.CREATED, data, now));
      return null;
    });
    return get(organizationId, id);
  }

  private static ApiError emailTaken(String email) {
    return ApiError.withField(ErrorKind.CONFLICT, "email", "a user with the email '" + email + "' already exists in this organization");
  }

  public User get(String organizationId, String userId) {
    return fromDocument(store.get(userPath(organizationId, Ids.require("user_id", userId)))
        .orElseThrow(() -> ApiError.notFound("user")));
  }

  public Page<User> list(String organizationId, PageRequest page) {
    return pager.page(Query.all(users(organizationId), 1), "created_at", page).map(Users::fromDocument);
  }

  public User update(String organizationId, String userId, UserChanges changes, Optional<Version> ifMatch, Principal caller) {
    DocumentPath path = userPath(organizationId, Ids.require("user_id", userId));
    store.inTransaction(tx -> {
      StoredDocument current = tx.get(path).orElseThrow(() -> ApiError.notFound("user"));
      OptimisticWrites.requireMatch(current, ifMatch, "user");
      Role before = Role.parse("role", current.string("role"));
      Role after = changes.role().orElse(before);
      boolean ownership = before != after && (before == Role.OWNER || after == Role.OWNER);
      if (ownership) {
        requireOwnerLevel(caller, "change who is an owner");
      }
      Optional<StoredDocument> owners = ownership ? tx.get(ownersPath(organizationId)) : Optional.empty();
      List<StoredDocument> keys = before != after
          ? ApiKeys.keysOf(tx, organizationId, tx.get(userKeysPath(organizationId, current.id())))
          : List.of();
      if (before == Role.OWNER && after != Role.OWNER) {
        requireNotLastOwner(owners, "demoted");
        tx.write(ownersCount(organizationId, count(owners) - 1));
      } else if (after == Role.OWNER && before != Role.OWNER) {
        tx.write(ownersCount(organizationId, count(owners) + 1));
      }
      Instant now = Timestamps.now(clock);
      Map<String, Object> fields = new LinkedHashMap<>();
      changes.displayName().ifPresent(v -> fields.put("display_name", v));
      changes.role().ifPresent(v -> fields.put("role", v.wire()));
      changes.externalSubject().ifPresent(v -> fields.put("external_subject", v));
      fields.put("updated_at", now);
      tx.write(Write.update(path, fields, Optional.of(current.version())));
      for (StoredDocument key : keys) {
        if (key.field("revoked_at").isEmpty()) {
          // The authenticator bounds a key's scopes by the role on its lookup document.
          tx.write(Write.update(ApiKeyPaths.hash(key.string("key_hash")), Map.of("role", after.wire()), Optional.empty()));
        }
      }
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      tx.write(changeRecord(Change.UPDATED, merged, now));
      return null;
    });
    return get(organizationId, userId);
  }

  /** Removes the user and revokes every key of theirs, in one commit. */
  public void delete(String organizationId, String userId, Optional<Version> ifMatch, Principal caller) {
    DocumentPath path = userPath(organizationId, Ids.require("user_id", userId));
    store.inTransaction(tx -> {
      StoredDocument current = tx.get(path).orElseThrow(() -> ApiError.notFound("user"));
      OptimisticWrites.requireMatch(current, ifMatch, "user");
      Role role = Role.parse("role", current.string("role"));
      if (role == Role.OWNER) {
        requireOwnerLevel(caller, "remove an owner");
      }
      Optional<StoredDocument> owners = role == Role.OWNER ? tx.get(ownersPath(organizationId)) : Optional.empty();
      DocumentPath index = userKeysPath(organizationId, current.id());
      List<StoredDocument> keys = ApiKeys.keysOf(tx, organizationId, tx.get(index));
      if (role == Role.OWNER) {
        requireNotLastOwner(owners, "removed");
        tx.write(ownersCount(organizationId, count(owners) - 1));
      }
      Instant now = Timestamps.now(clock);
      tx.write(Write.delete(path, Optional.of(current.version())));
      tx.write(Write.delete(emailGuardPath(organizationId, current.string("email")), Optional.empty()));
      tx.write(Write.delete(index, Optional.empty()));
      for (StoredDocument key : keys) {
        if (key.field("revoked_at").isEmpty()) {
          ApiKeys.revocationWrites(key, now).forEach(tx::write);
        }
      }
      tx.write(changeRecord(Change.DELETED, current.data(), now));
      return null;
    });
  }

  static DocumentPath userPath(String organizationId, String userId) {
    return users(organizationId).document(userId);
  }

  static DocumentPath userKeysPath(String organizationId, String userId) {
    return DocumentPath.of("organizations", organizationId, "user_api_keys", userId);
  }

  private static CollectionPath users(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "users");
  }

  /** Keyed by a hash of the normalized email: unique within the organization, and no address in a path. */
  private static DocumentPath emailGuardPath(String organizationId, String normalizedEmail) {
    return DocumentPath.of("organizations", organizationId, "user_emails", Sha256.hex(normalizedEmail));
  }

  private static DocumentPath ownersPath(String organizationId) {
    return DocumentPath.of("organizations", organizationId, "membership", "owners");
  }

  private static Write ownersCount(String organizationId, long count) {
    return Write.set(ownersPath(organizationId), Map.of("organization_id", organizationId, "count", count));
  }

  private static long count(Optional<StoredDocument> owners) {
    return owners.map(o -> o.longValue("count")).orElse(0L);
  }

  private static void requireNotLastOwner(Optional<StoredDocument> owners, String what) {
    if (count(owners) <= 1) {
      throw ApiError.withField(ErrorKind.CONFLICT, "role", "the last owner of an organization cannot be " + what
          + "; make another user an owner first");
    }
  }

  /** Owners are managed by owners: a key of an owner, or an organization key that belongs to no user. */
  private static void requireOwnerLevel(Principal caller, String action) {
    if (caller.role().isPresent() && caller.role().get() != Role.OWNER) {
      throw ApiError.withField(ErrorKind.FORBIDDEN, "role", "only an owner can " + action + "; this key's user is '"
          + caller.role().get().wire() + "'");
    }
  }

  private static Write changeRecord(String changeType, Map<String, Object> user, Instant at) {
    return Outbox.record(Change.of(new UserChangeRow(Ids.newId(), changeType, at, (String) user.get("organization_id"),
        (String) user.get("id"), (String) user.get("email"), (String) user.get("display_name"), (String) user.get("role"),
        Optional.ofNullable((String) user.get("external_subject")), (Instant) user.get("created_at"),
        (Instant) user.get("updated_at"))), at);
  }

  private static User fromDocument(StoredDocument doc) {
    return new User(doc.id(), doc.string("organization_id"), doc.string("email"), doc.string("display_name"),
        Role.parse("role", doc.string("role")), Optional.ofNullable(doc.string("external_subject")),
        doc.instant("created_at"), doc.instant("updated_at"), doc.version());
  }
}
