package com.agenthub.shared.adapter.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.Warehouse.Row;
import com.agenthub.shared.testing.Emulators;
import com.agenthub.shared.warehouse.AgentChangeRow;
import com.agenthub.shared.warehouse.AgentCounterChangeRow;
import com.agenthub.shared.warehouse.ApiKeyChangeRow;
import com.agenthub.shared.warehouse.ConversationChangeRow;
import com.agenthub.shared.warehouse.ConversationMessageRow;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.OrganizationChangeRow;
import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The latest-state views, run on bigquery-local: one row per entity, from its latest change, with
 * a change stored twice (a redelivered message, a new insertId) counted once.
 */
class WarehouseViewsTest {

  private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-02T10:00:00Z");
  private static final Instant T3 = Instant.parse("2026-11-03T10:00:00Z");

  private final BigQueryWarehouse warehouse = Emulators.warehouse();
  private String org;

  @BeforeEach
  void ownOrganization() {
    org = "org-" + UUID.randomUUID();
  }

  /** Stores each row under a fresh insertId, so a repeated row is a real duplicate in the table. */
  private void store(String table, Record... rows) {
    List<Row> batch = new ArrayList<>();
    for (Record row : rows) {
      batch.add(new Row(UUID.randomUUID().toString(), Rows.values(row)));
    }
    assertEquals(List.of(), warehouse.insert(table, batch));
  }

  private List<Map<String, Object>> view(String view, String orderBy) {
    return warehouse.query("SELECT * FROM {" + view + "} WHERE organization_id = @org ORDER BY " + orderBy,
        Map.of("org", QueryParameter.string(org)));
  }

  @Test
  void organizationsLatestHoldsTheLatestChangeOfEachOrganization() {
    OrganizationChangeRow renamed = new OrganizationChangeRow("c2", "updated", T2, org, "Renamed", T1, Optional.empty(), Optional.empty());
    store("organizations", new OrganizationChangeRow("c1", "created", T1, org, "First", T1, Optional.empty(), Optional.empty()), renamed, renamed);

    List<Map<String, Object>> rows = view("organizations_latest", "organization_id");
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("Renamed", rows.get(0).get("name"));
    assertEquals(T2, rows.get(0).get("changed_at"));
    assertFalse(rows.get(0).containsKey("row_rank"), "the ranking column stays inside the view");
  }

  @Test
  void agentsLatestFlagsADeletedAgentAndKeepsOthersLive() {
    AgentChangeRow created = agent("c1", "created", T1, "a1", "active");
    AgentChangeRow paused = agent("c2", "updated", T2, "a1", "paused");
    AgentChangeRow deleted = agent("c3", "deleted", T3, "a1", "paused");
    AgentChangeRow other = agent("c4", "created", T1, "a2", "active");
    store("agents", deleted, created, paused, other, deleted);

    List<Map<String, Object>> rows = view("agents_latest", "agent_id");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("a1", rows.get(0).get("agent_id"));
    assertEquals("deleted", rows.get(0).get("change_type"));
    assertEquals(Boolean.TRUE, rows.get(0).get("is_deleted"));
    assertEquals("a2", rows.get(1).get("agent_id"));
    assertEquals(Boolean.FALSE, rows.get(1).get("is_deleted"));
    assertEquals("active", rows.get(1).get("status"));
  }

  @Test
  void apiKeysLatestShowsARevocation() {
    ApiKeyChangeRow issued = new ApiKeyChangeRow("c1", "created", T1, org, "k1", "ci", "ak_1", T1, Optional.empty(), Optional.empty(), Optional.empty());
    ApiKeyChangeRow revoked = new ApiKeyChangeRow("c2", "revoked", T2, org, "k1", "ci", "ak_1", T1, Optional.of(T2), Optional.empty(), Optional.empty());
    store("api_keys", revoked, issued, revoked);

    List<Map<String, Object>> rows = view("api_keys_latest", "key_id");
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("revoked", rows.get(0).get("change_type"));
    assertEquals(T2, rows.get(0).get("revoked_at"));
  }

  @Test
  void agentCounterTotalsCountEachChangeOnce() {
    AgentCounterChangeRow second = new AgentCounterChangeRow("c2", "incremented", T2, org, "a1", "calls", 7);
    store("agent_counter_changes",
        new AgentCounterChangeRow("c1", "incremented", T1, org, "a1", "calls", 5), second, second,
        new AgentCounterChangeRow("c3", "incremented", T3, org, "a1", "errors", 1));

    List<Map<String, Object>> rows = view("agent_counter_totals", "counter");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals(Map.of("organization_id", org, "agent_id", "a1", "counter", "calls", "total", 12L, "last_changed_at", T2),
        rows.get(0));
    assertEquals(1L, rows.get(1).get("total"));
  }

  @Test
  void conversationsLatestFlagsADeletedConversation() {
    ConversationChangeRow created = conversation("c1", "created", T1, "open");
    ConversationChangeRow deleted = conversation("c3", "deleted", T3, "closed");
    store("conversations", deleted, created, conversation("c2", "closed", T2, "closed"), deleted);

    List<Map<String, Object>> rows = view("conversations_latest", "conversation_id");
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(Boolean.TRUE, rows.get(0).get("is_deleted"));
    assertEquals("closed", rows.get(0).get("status"));
  }

  @Test
  void agentDailyUsageCountsEachMessageOnceWithTheMedianLatency() {
    ConversationMessageRow first = message("m1", "k1", 1, T1, 10, 0, Optional.of(100L));
    store("conversation_messages", first, first,
        message("m2", "k1", 2, T1.plusSeconds(5), 0, 20, Optional.of(300L)),
        message("m3", "k2", 1, T1.plusSeconds(9), 5, 0, Optional.of(200L)),
        message("m4", "k2", 2, T1.plusSeconds(9), 0, 7, Optional.empty()),
        message("m5", "k2", 3, T2, 1, 1, Optional.of(40L)),
        message("m6", "k2", 4, T2, 1, 1, Optional.of(60L)));

    List<Map<String, Object>> rows = view("agent_daily_usage", "day");
    assertEquals(2, rows.size(), rows.toString());
    Map<String, Object> day1 = rows.get(0);
    assertEquals(List.of(2L, 4L, 15L, 27L), List.of(day1.get("conversations"), day1.get("messages"), day1.get("tokens_in"),
        day1.get("tokens_out")), day1.toString());
    assertEquals(200.0, ((Number) day1.get("median_latency_ms")).doubleValue(), "the middle of 100, 200, 300");
    assertEquals(50.0, ((Number) rows.get(1).get("median_latency_ms")).doubleValue(), "the mean of the middle two of 40, 60");
  }

  @Test
  void setupRunsAgainWithoutLosingRowsOrBreakingViews() {
    store("organizations", new OrganizationChangeRow("c1", "created", T1, org, "Kept", T1, Optional.empty(), Optional.empty()));
    WarehouseSetup setup = new WarehouseSetup(Emulators.bigQuery(), Emulators.PROJECT_ID, WarehouseDeclaration.load());
    setup.run();
    setup.run();

    assertEquals("Kept", view("organizations_latest", "organization_id").get(0).get("name"));
  }

  private ConversationChangeRow conversation(String change, String type, Instant at, String status) {
    return new ConversationChangeRow(change, type, at, org, "a1", "k1", Optional.of("u1"), Optional.empty(), new JsonText("{}"),
        status, 2, T1, type.equals("created") ? Optional.empty() : Optional.of(T2));
  }

  private ConversationMessageRow message(String change, String conversation, long sequence, Instant at, long in, long out,
      Optional<Long> latency) {
    return new ConversationMessageRow(change, org, "a1", conversation, sequence, "user", "text", Optional.empty(), Optional.empty(),
        in, out, Optional.empty(), latency, Optional.empty(), at);
  }

  private AgentChangeRow agent(String change, String type, Instant at, String agentId, String status) {
    return new AgentChangeRow(change, type, at, org, agentId, "Agent " + agentId, Optional.of("retail"),
        new JsonText("{\"model\":\"m\"}"), status, T1, at);
  }
}
