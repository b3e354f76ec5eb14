package com.agenthub.shared.agents;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.warehouse.AgentCounterChangeRow;
import java.time.Clock;
import java.time.Instant;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Named usage counters of an agent (conversations, messages, tokens, …). Each counter is spread
 * over {@link #SHARDS} documents and incremented server-side, because one Firestore document
 * sustains only about one write per second; a read sums the shards.
 */
public final class AgentCounters {

  /** ~10 sustained increments/s per counter on the real service; raise it for hotter counters. */
  static final int SHARDS = 10;
  static final long MAX_DELTA = 1_000_000_000L;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final int READ_BATCH = 1000;

  private final DocumentStore store;
  private final Agents agents;
  private final Clock clock;

  public AgentCounters(DocumentStore store, Agents agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  /** Adds {@code delta} and returns the counter's total as read just after. */
  public long increment(String organizationId, String agentId, String counter, long delta) {
    requireValid(counter, delta);
    agents.load(organizationId, agentId);
    store.commit(incrementWrites(organizationId, agentId, Map.of(counter, delta), Timestamps.now(clock)));
    return store.query(Query.all(AgentPaths.counterShards(organizationId, agentId), SHARDS).where("counter", counter)).stream()
        .mapToLong(d -> d.longValue("value")).sum();
  }

  /**
   * The writes that add each delta (zeros are skipped) to the agent's counters, with their change
   * records: for another use case to put in its own commit, so its change and the usage it counts
   * commit together. The caller has checked that the agent exists.
   */
  public List<Write> incrementWrites(String organizationId, String agentId, Map<String, Long> deltas, Instant now) {
    CollectionPath shards = AgentPaths.counterShards(organizationId, agentId);
    List<Write> writes = new ArrayList<>();
    new TreeMap<>(deltas).forEach((counter, delta) -> {
      if (delta == 0) {
        return;
      }
      requireValid(counter, delta);
      int shard = ThreadLocalRandom.current().nextInt(SHARDS);
      writes.add(Write.increment(shards.document(counter + "-" + shard), "value", delta,
          Map.of("counter", counter, "shard", (long) shard)));
      writes.add(Outbox.record(Change.of(new AgentCounterChangeRow(Ids.newId(), Change.INCREMENTED, now,
          organizationId, agentId, counter, delta)), now));
    });
    return writes;
  }

  /** How many writes {@link #openingWrites} gives for {@code totals}, without building them (a counter opened at 0 writes none). */
  static int openingWriteCount(Map<String, Long> totals) {
    return 2 * (int) totals.values().stream().filter(total -> total != 0).count();
  }

  /**
   * The writes that give a new agent its opening totals (a migrated agent's legacy counters): one
   * {@code NAME-opening} shard each, beside the incremented ones, so reads sum it like any shard.
   * Only {@link Agents#create} calls this, in the agent's own create commit, so they count once.
   */
  static List<Write> openingWrites(String organizationId, String agentId, Map<String, Long> totals, Instant now) {
    CollectionPath shards = AgentPaths.counterShards(organizationId, agentId);
    List<Write> writes = new ArrayList<>();
    new TreeMap<>(totals).forEach((counter, total) -> {
      requireOpening(counter, total);
      if (total == 0) {
        return;
      }
      writes.add(Write.create(shards.document(counter + "-opening"), Map.of("counter", counter, "shard", -1L, "value", total)));
      writes.add(Outbox.record(Change.of(new AgentCounterChangeRow(Ids.newId(), Change.INCREMENTED, now,
          organizationId, agentId, counter, total)), now));
    });
    return writes;
  }

  /** An opening total (NewAgent checks them on construction): a valid counter name, at least 0. */
  static void requireOpening(String counter, Long total) {
    if (counter == null || !NAME.matcher(counter).matches()) {
      throw ApiError.invalid("counters", "counter names must be 1..63 lowercase letters, digits or _, starting with a letter");
    }
    if (total == null || total < 0) {
      throw ApiError.invalid("counters." + counter, "an opening total must be an integer of at least 0");
    }
  }

  private static void requireValid(String counter, long delta) {
    if (counter == null || !NAME.matcher(counter).matches()) {
      throw ApiError.invalid("counter", "'counter' must be 1..63 lowercase letters, digits or _, starting with a letter");
    }
    if (delta < 1 || delta > MAX_DELTA) {
      throw ApiError.invalid("delta", "'delta' must be within 1.." + MAX_DELTA);
    }
  }

  /** Every counter of the agent with its total; counters never incremented are absent. */
  public Map<String, Long> read(String organizationId, String agentId) {
    agents.load(organizationId, agentId);
    Map<String, Long> totals = new TreeMap<>();
    Query page = Query.all(AgentPaths.counterShards(organizationId, agentId), READ_BATCH);
    while (true) {
      List<StoredDocument> shards = store.query(page);
      shards.forEach(d -> totals.merge(d.string("counter"), d.longValue("value"), Long::sum));
      if (shards.size() < READ_BATCH) {
        return totals;
      }
      page = page.startAfter(new Query.Cursor(null, shards.get(shards.size() - 1).id()));
    }
  }
}
