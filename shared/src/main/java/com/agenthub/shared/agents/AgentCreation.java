package com.agenthub.shared.agents;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.organizations.PlanLimit;
import com.agenthub.shared.organizations.PlanQuotas;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way agents are created, one ({@code CreateAgent}) or many ({@code CreateAgents}) at a
 * time: agents whose client-chosen id already names one are answered from the store (the same
 * one again, or a conflict); the others are written in commits of at most
 * {@link #MAX_WRITES_PER_COMMIT} writes, each commit with its agents, their opening counters,
 * their change records and one plan-usage claim for all of its agents. A commit that loses a race
 * (the usage document moved, or a racing create took one of its ids) re-reads and tries again.
 */
final class AgentCreation {

  /** Firestore's limit on the writes of one commit (the outbox records counted as written). */
  static final int MAX_WRITES_PER_COMMIT = 500;

  /** Each lost race means another create or delete committed; at the limit the next read answers 429. */
  private static final int MAX_CLAIM_ATTEMPTS = 50;

  /** An agent still to write: where it was asked, and its document as it will be. */
  private record Pending(int index, NewAgent request, DocumentPath path, Map<String, Object> data) {}

  private final DocumentStore store;
  private final Clock clock;
  private final PlanQuotas quotas;

  AgentCreation(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.quotas = new PlanQuotas(store);
  }

  /**
   * One outcome per request, in order. Throws (nothing written) when the plan has no room for every
   * agent to create; when a later commit of a large batch finds the plan full (a racing create took
   * the room), the agents it held answer {@code limit_exceeded} each and the earlier commits stay.
   */
  List<BatchItem<Agents.Created>> create(String organizationId, List<NewAgent> requests) {
    return create(organizationId, requests, false).orElseThrow();
  }

  /**
   * As {@link #create}, if the agents still to create fit one commit; else empty, nothing written.
   * An {@link ApiError} thrown here (no room in the plan, too many lost races) also means nothing was written.
   */
  Optional<List<BatchItem<Agents.Created>>> createInOneCommit(String organizationId, List<NewAgent> requests) {
    return create(organizationId, requests, true);
  }

  private Optional<List<BatchItem<Agents.Created>>> create(String organizationId, List<NewAgent> requests, boolean oneCommitOnly) {
    List<BatchItem<Agents.Created>> outcomes = new ArrayList<>(Collections.nCopies(requests.size(), null));
    Instant now = Timestamps.now(clock);
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      NewAgent request = requests.get(i);
      String id = request.id().orElseGet(Ids::newId);
      pending.add(new Pending(i, request, AgentPaths.agent(organizationId, id), document(organizationId, id, request, now)));
    }
    pending = answerExisting(organizationId, pending, outcomes);
    List<List<Pending>> commits = chunks(pending);
    if (oneCommitOnly && commits.size() > 1) {
      return Optional.empty();
    }
    int left = pending.size();
    boolean committedAny = false;
    for (List<Pending> commit : commits) {
      left -= commit.size();
      try {
        commit(organizationId, commit, left, now, outcomes);
        committedAny = true;
      } catch (ApiError e) {
        if (!committedAny || e.kind() != ErrorKind.LIMIT_EXCEEDED) {
          throw e;
        }
        commit.forEach(p -> outcomes.set(p.index(), BatchItem.failed(p.index(), e)));
      }
    }
    return Optional.of(List.copyOf(outcomes));
  }

  /** Commits one chunk, claiming its agents (and checking room for the {@code stillToCome} after it). */
  private void commit(String organizationId, List<Pending> chunk, int stillToCome, Instant now, List<BatchItem<Agents.Created>> outcomes) {
    for (int attempt = 1; !chunk.isEmpty(); attempt++) {
      List<Write> writes = new ArrayList<>();
      writes.add(quotas.claim(organizationId, PlanLimit.AGENTS, AgentPaths.agents(organizationId), chunk.size(), stillToCome));
      int[] agentWrite = new int[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        agentWrite[i] = writes.size();
        writes.addAll(writes(organizationId, chunk.get(i), now));
      }
      try {
        List<Version> versions = store.commit(writes);
        for (int i = 0; i < chunk.size(); i++) {
          Pending p = chunk.get(i);
          outcomes.set(p.index(), BatchItem.of(p.index(), new Agents.Created(
              Agents.fromDocument(new StoredDocument(p.path(), p.data(), versions.get(agentWrite[i]))), true)));
        }
        return;
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.ALREADY_EXISTS && e.reason() != StoreException.Reason.STALE
            && e.reason() != StoreException.Reason.NOT_FOUND) {
          throw e;
        }
        if (e.reason() == StoreException.Reason.ALREADY_EXISTS) {
          // Some agents may have been created meanwhile (racing creates of the same ids); else the usage claim lost.
          chunk = answerExisting(organizationId, chunk, outcomes);
        }
        if (attempt >= MAX_CLAIM_ATTEMPTS) {
          throw ApiError.of(ErrorKind.UNAVAILABLE, "too many agents are being created at once; retry later");
        }
      }
    }
  }

  /**
   * Answers, in one read, every pending agent whose client-chosen id already names one: the same
   * one again (name, industry, configuration and status as asked; opening counters are not
   * compared, they move once the agent is used), or a conflict on {@code id}. A deleted agent's id
   * is not reused. Returns those still to create.
   */
  private List<Pending> answerExisting(String organizationId, List<Pending> pending, List<BatchItem<Agents.Created>> outcomes) {
    List<Pending> asked = pending.stream().filter(p -> p.request().id().isPresent()).toList();
    if (asked.isEmpty()) {
      return pending;
    }
    List<DocumentPath> paths = new ArrayList<>();
    for (Pending p : asked) {
      paths.add(p.path());
      paths.add(AgentPaths.deletedAgent(organizationId, p.path().id()));
    }
    List<Optional<StoredDocument>> found = store.getAll(paths);
    java.util.Set<Integer> answered = new HashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      Pending p = asked.get(i);
      Optional<StoredDocument> live = found.get(2 * i);
      if (live.isPresent()) {
        answered.add(p.index());
        Agent agent = Agents.fromDocument(live.get());
        NewAgent request = p.request();
        boolean same = agent.name().equals(request.name()) && agent.industry().equals(request.industry())
            && agent.configuration().equals(request.configuration()) && agent.status() == request.status();
        outcomes.set(p.index(), same ? BatchItem.of(p.index(), new Agents.Created(agent, false))
            : BatchItem.failed(p.index(), ApiError.withField(ErrorKind.CONFLICT, "id", "an agent with this id already exists with other fields")));
      } else if (found.get(2 * i + 1).isPresent()) {
        answered.add(p.index());
        outcomes.set(p.index(), BatchItem.failed(p.index(),
            ApiError.withField(ErrorKind.CONFLICT, "id", "an agent with this id was deleted; ids are not reused")));
      }
    }
    return pending.stream().filter(p -> !answered.contains(p.index())).toList();
  }

  /** Consecutive runs of agents whose writes (with one usage claim) fit one commit. */
  private static List<List<Pending>> chunks(List<Pending> pending) {
    List<List<Pending>> chunks = new ArrayList<>();
    List<Pending> current = new ArrayList<>();
    int writes = 1;
    for (Pending p : pending) {
      // As many as writes() gives, counted without building them (change records are JSON).
      int own = 2 + AgentCounters.openingWriteCount(p.request().openingCounters());
      if (!current.isEmpty() && writes + own > MAX_WRITES_PER_COMMIT) {
        chunks.add(current);
        current = new ArrayList<>();
        writes = 1;
      }
      current.add(p);
      writes += own;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  /** Everything one new agent writes: itself, its change record, its opening counters with theirs. */
  private static List<Write> writes(String organizationId, Pending p, Instant now) {
    List<Write> writes = new ArrayList<>(List.of(Write.create(p.path(), p.data()), Agents.changeRecord(Change.CREATED, p.data(), now)));
    writes.addAll(AgentCounters.openingWrites(organizationId, p.path().id(), p.request().openingCounters(), now));
    return writes;
  }

  private static Map<String, Object> document(String organizationId, String id, NewAgent request, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", organizationId);
    data.put("name", request.name());
    data.put("industry", request.industry().orElse(null));
    data.put("configuration", request.configuration());
    data.put("status", request.status().wire());
    data.put("created_at", now);
    data.put("updated_at", now);
    return data;
  }
}
