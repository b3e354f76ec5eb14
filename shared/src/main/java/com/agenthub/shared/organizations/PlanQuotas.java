package com.agenthub.shared.organizations;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enforces plan limits on things an organization keeps (agents). Usage lives in one document per
 * organization, {@code organizations/{id}/usage/current}: a create claims its units with a write
 * that carries the usage document's version as a precondition, in the same commit as the create,
 * so two creates racing for the last unit cannot both commit (the loser re-reads and gets 429),
 * and a refused create writes nothing. Deletes give the unit back with an increment in their commit.
 */
public final class PlanQuotas {

  private final DocumentStore store;

  public PlanQuotas(DocumentStore store) {
    this.store = store;
  }

  /** A write to commit together with one new {@code limit}-counted thing, or 429 if the plan's limit is reached. */
  public Write claim(String organizationId, PlanLimit limit, CollectionPath counted) {
    return claim(organizationId, limit, counted, 1, 0);
  }

  /**
   * A write to commit together with {@code units} new {@code limit}-counted things, or 429 (nothing
   * claimed) unless the plan has room for them and for {@code stillToCome} more: a batch that
   * commits in several chunks claims each chunk's units in its own commit, but is refused whole up front.
   */
  public Write claim(String organizationId, PlanLimit limit, CollectionPath counted, int units, int stillToCome) {
    List<Optional<StoredDocument>> read = store.getAll(List.of(Organizations.path(organizationId), usagePath(organizationId)));
    Plan plan = Plan.stored(read.get(0).map(o -> o.string("subscription_plan")).orElse(null));
    Optional<StoredDocument> usage = read.get(1);
    long used = usage.isPresent() && usage.get().data().containsKey(limit.usageField())
        ? usage.get().longValue(limit.usageField())
        : countExisting(counted);
    long allowed = plan.limit(limit);
    if (used + units + stillToCome > allowed) {
      String asked = units + stillToCome == 1 ? "" : " (" + used + " used, " + (units + stillToCome) + " more asked)";
      throw ApiError.withField(ErrorKind.LIMIT_EXCEEDED, limit.wire(), "plan limit '" + limit.wire() + "' reached: the '"
          + plan.wire() + "' plan allows " + allowed + asked + "; " + limit.resets());
    }
    if (usage.isEmpty()) {
      Map<String, Object> created = new LinkedHashMap<>();
      created.put("organization_id", organizationId);
      created.put(limit.usageField(), used + units);
      return Write.create(usagePath(organizationId), created);
    }
    return Write.update(usagePath(organizationId), Map.of(limit.usageField(), used + units), Optional.of(usage.get().version()));
  }

  /**
   * A write that gives one unit back, or none when usage was never counted (an organization from
   * before limits: its first claim counts what exists then).
   */
  public Optional<Write> release(String organizationId, PlanLimit limit) {
    Optional<StoredDocument> usage = store.get(usagePath(organizationId));
    if (usage.isEmpty() || !usage.get().data().containsKey(limit.usageField())) {
      return Optional.empty();
    }
    return Optional.of(Write.increment(usagePath(organizationId), limit.usageField(), -1, Map.of()));
  }

  /** The usage document a new organization starts with: nothing used. */
  static Write initialUsage(String organizationId) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("organization_id", organizationId);
    for (PlanLimit limit : PlanLimit.values()) {
      usage.put(limit.usageField(), 0L);
    }
    return Write.create(usagePath(organizationId), usage);
  }

  public static DocumentPath usagePath(String organizationId) {
    return DocumentPath.of("organizations", organizationId, "usage", "current");
  }

  /** Counts what an organization from before plan limits already has (once; bounded by the largest plan). */
  private long countExisting(CollectionPath counted) {
    return store.query(Query.all(counted, Query.MAX_LIMIT)).size();
  }
}
