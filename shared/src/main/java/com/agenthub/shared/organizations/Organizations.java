package com.agenthub.shared.organizations;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.OrganizationChangeRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants: creating one (with its first API key and its usage document, committed atomically),
 * reading it, and changing its name, settings and plan (the plan only by the platform admin).
 */
public final class Organizations {

  private final DocumentStore store;
  private final ApiKeys apiKeys;
  private final Clock clock;

  public Organizations(DocumentStore store, ApiKeys apiKeys, Clock clock) {
    this.store = store;
    this.apiKeys = apiKeys;
    this.clock = clock;
  }

  public record Created(Organization organization, IssuedApiKey firstKey) {}

  public Created create(String name) {
    Instant now = Timestamps.now(clock);
    String id = Ids.newId();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("name", Names.require("name", name));
    data.put("settings", Map.of());
    data.put("subscription_plan", Plan.DEFAULT.wire());
    data.put("created_at", now);
    data.put("updated_at", now);
    IssuedApiKey firstKey = apiKeys.prepare(id, "initial key");
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(path(id), data));
    writes.add(PlanQuotas.initialUsage(id));
    writes.add(changeRecord(Change.CREATED, data, now));
    writes.addAll(apiKeys.writesFor(firstKey));
    Version version = store.commit(writes).get(0);
    return new Created(fromDocument(new StoredDocument(path(id), data, version)), firstKey);
  }

  public Organization get(String organizationId) {
    return fromDocument(load(organizationId));
  }

  /**
   * Applies {@code changes} if the organization is still at {@code ifMatch} (412 otherwise).
   * A plan change is refused (403) unless {@code byPlatformAdmin}.
   */
  public Organization update(String organizationId, OrganizationChanges changes, Optional<Version> ifMatch,
      boolean byPlatformAdmin) {
    if (changes.plan().isPresent() && !byPlatformAdmin) {
      throw ApiError.withField(ErrorKind.FORBIDDEN, "subscription_plan",
          "only the platform admin can change an organization's subscription_plan");
    }
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId);
      OptimisticWrites.requireMatch(current, ifMatch, "organization");
      Instant now = Timestamps.now(clock);
      Map<String, Object> fields = new LinkedHashMap<>();
      changes.name().ifPresent(v -> fields.put("name", v));
      changes.settings().ifPresent(v -> fields.put("settings", v));
      changes.plan().ifPresent(v -> fields.put("subscription_plan", v.wire()));
      fields.put("updated_at", now);
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      try {
        Version version = store.commit(List.of(
            Write.update(current.path(), fields, Optional.of(current.version())),
            changeRecord(Change.UPDATED, merged, now))).get(0);
        return fromDocument(new StoredDocument(current.path(), merged, version));
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "organization");
      }
    }
  }

  public static DocumentPath path(String organizationId) {
    return DocumentPath.of("organizations", organizationId);
  }

  private StoredDocument load(String organizationId) {
    return store.get(path(Ids.require("organization_id", organizationId)))
        .orElseThrow(() -> ApiError.notFound("organization"));
  }

  private static Write changeRecord(String changeType, Map<String, Object> organization, Instant at) {
    return Outbox.record(Change.of(new OrganizationChangeRow(Ids.newId(), changeType, at,
        (String) organization.get("id"), (String) organization.get("name"), (Instant) organization.get("created_at"),
        Optional.of(JsonText.of(organization.getOrDefault("settings", Map.of()))),
        Optional.of(Plan.stored((String) organization.get("subscription_plan")).wire()))), at);
  }

  /** Organizations stored before settings and plans existed read as empty settings on the default plan. */
  @SuppressWarnings("unchecked")
  private static Organization fromDocument(StoredDocument doc) {
    Instant createdAt = doc.instant("created_at");
    return new Organization(doc.id(), doc.string("name"),
        (Map<String, Object>) doc.data().getOrDefault("settings", Map.of()), Plan.stored(doc.string("subscription_plan")),
        createdAt, Optional.ofNullable(doc.instant("updated_at")).orElse(createdAt), doc.version());
  }
}
