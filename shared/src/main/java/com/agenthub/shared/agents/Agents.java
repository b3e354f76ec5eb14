package com.agenthub.shared.agents;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchInput;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.ids.ClientIds;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.organizations.PlanLimit;
import com.agenthub.shared.organizations.PlanQuotas;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import com.agenthub.shared.warehouse.AgentChangeRow;
import com.agenthub.shared.warehouse.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agent Management: create, read, list, update and delete one organization's agents. Updates
 * and deletes are optimistic: they commit only if the agent is still at the version they read
 * (or that the caller named with If-Match), so concurrent writers never silently overwrite each other.
 */
public final class Agents {

  private final DocumentStore store;
  private final Clock clock;
  private final Pager pager;
  private final PlanQuotas quotas;
  private final AgentCreation creation;
  private final SharedCreates sharedCreates;

  public Agents(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.pager = new Pager(store);
    this.quotas = new PlanQuotas(store);
    this.creation = new AgentCreation(store, clock);
    this.sharedCreates = new SharedCreates(creation);
  }

  /** What {@link #create} did: a new agent, or the existing one its client-chosen id already named. */
  public record Created(Agent agent, boolean created) {}

  public Agent create(String organizationId, NewAgent request) {
    return createOrFind(organizationId, request).agent();
  }

  /**
   * Creates the agent, or finds the one its client-chosen id already names (the same one again;
   * else 409 on {@code id}). Concurrent creates of one organization share commits ({@link SharedCreates}).
   */
  public Created createOrFind(String organizationId, NewAgent request) {
    return sharedCreates.create(organizationId, request).orThrow();
  }

  /** At most this many agents per {@link #createAll} (README and openapi.yaml repeat it). */
  public static final int MAX_BATCH = 100;

  /**
   * Creates many agents as {@link #createOrFind} would each, with one plan-usage claim per commit
   * (not per agent): each item (its error named under {@code agents[i].}) answers created, found (its client-chosen id names the same agent),
   * or an error of its own (a conflict on its id). The requests are valid already (each NewAgent
   * checked itself); ids asked twice are refused here, and a batch the plan has no room for writes
   * nothing (429).
   */
  public List<BatchItem<Created>> createAll(String organizationId, List<NewAgent> requests) {
    BatchInput.requireSize("agents", requests.size(), MAX_BATCH, "agents");
    BatchInput.requireDistinct("agents", "id", requests.stream().map(NewAgent::id).toList());
    return BatchItem.namedUnder("agents", creation.create(organizationId, requests));
  }

  public Agent get(String organizationId, String agentId) {
    return fromDocument(load(organizationId, agentId));
  }

  public Page<Agent> list(String organizationId, AgentFilter filter, PageRequest page) {
    Query query = Query.all(AgentPaths.agents(organizationId), 1);
    if (filter.status().isPresent()) {
      query = query.where("status", filter.status().get().wire());
    }
    if (filter.industry().isPresent()) {
      query = query.where("industry", filter.industry().get());
    }
    return pager.page(query, "created_at", page).map(Agents::fromDocument);
  }

  public Agent update(String organizationId, String agentId, AgentChanges changes, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, agentId);
      OptimisticWrites.requireMatch(current, ifMatch, "agent");
      Map<String, Object> fields = new LinkedHashMap<>();
      changes.name().ifPresent(v -> fields.put("name", v));
      changes.industry().ifPresent(v -> fields.put("industry", v));
      changes.configuration().ifPresent(v -> fields.put("configuration", v));
      changes.status().ifPresent(v -> fields.put("status", v.wire()));
      Instant now = now();
      fields.put("updated_at", now);
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      try {
        Version version = store.commit(List.of(
            Write.update(current.path(), fields, Optional.of(current.version())),
            changeRecord(Change.UPDATED, merged, now))).get(0);
        return fromDocument(new StoredDocument(current.path(), merged, version));
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "agent");
      }
    }
  }

  /** Moves the agent to the organization's archive: gone from gets and lists, its record kept. */
  public void delete(String organizationId, String agentId, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, agentId);
      OptimisticWrites.requireMatch(current, ifMatch, "agent");
      Instant now = now();
      Map<String, Object> archived = new LinkedHashMap<>(current.data());
      archived.put("deleted_at", now);
      try {
        List<Write> writes = new java.util.ArrayList<>(List.of(
            Write.delete(current.path(), Optional.of(current.version())),
            Write.set(AgentPaths.deletedAgent(organizationId, agentId), archived),
            changeRecord(Change.DELETED, current.data(), now)));
        quotas.release(organizationId, PlanLimit.AGENTS).ifPresent(writes::add);
        store.commit(writes);
        return;
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "agent");
      }
    }
  }

  /** Which of {@code agentIds} are live agents of the organization, in one read. */
  public java.util.Set<String> existing(String organizationId, java.util.Collection<String> agentIds) {
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(agentIds));
    List<Optional<StoredDocument>> found = store.getAll(ids.stream().map(id -> AgentPaths.agent(organizationId, id)).toList());
    java.util.Set<String> live = new java.util.HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (found.get(i).isPresent()) {
        live.add(ids.get(i));
      }
    }
    return live;
  }

  StoredDocument load(String organizationId, String agentId) {
    return store.get(AgentPaths.agent(organizationId, ClientIds.require("agent_id", agentId)))
        .orElseThrow(() -> ApiError.notFound("agent"));
  }

  /** The outbox record of a change, carrying the agent's state after it (before it, for a delete). */
  @SuppressWarnings("unchecked")
  static Write changeRecord(String changeType, Map<String, Object> agent, Instant at) {
    AgentChangeRow row = new AgentChangeRow(Ids.newId(), changeType, at,
        (String) agent.get("organization_id"), (String) agent.get("id"), (String) agent.get("name"),
        Optional.ofNullable((String) agent.get("industry")),
        JsonText.of(agent.getOrDefault("configuration", Map.of())),
        (String) agent.get("status"), (Instant) agent.get("created_at"), (Instant) agent.get("updated_at"));
    return Outbox.record(Change.of(row), at);
  }

  @SuppressWarnings("unchecked")
  static Agent fromDocument(StoredDocument doc) {
    return new Agent(doc.id(), doc.string("organization_id"), doc.string("name"),
        Optional.ofNullable(doc.string("industry")),
        (Map<String, Object>) doc.data().getOrDefault("configuration", Map.of()),
        AgentStatus.parse("status", doc.string("status")),
        doc.instant("created_at"), doc.instant("updated_at"), doc.version());
  }

  private Instant now() {
    return Timestamps.now(clock);
  }
}
