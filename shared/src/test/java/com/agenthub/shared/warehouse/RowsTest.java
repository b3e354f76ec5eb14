package com.agenthub.shared.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowsTest {

  private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");

  private final AgentChangeRow agent = new AgentChangeRow("c1", "created", AT, "org-1", "a1", "Helper",
      Optional.empty(), new JsonText("{\"model\":\"m\"}"), "active", AT, AT.plusSeconds(1));

  @Test
  void aRowSurvivesJsonAndBack() {
    JsonObject json = Rows.toJson(agent);
    assertEquals("2026-11-26T10:15:30.123456Z", json.get("changed_at").getAsString());
    assertTrue(json.get("industry").isJsonNull());
    assertEquals("{\"model\":\"m\"}", json.get("configuration").getAsString());
    assertEquals(agent, Rows.fromJson(AgentChangeRow.class, json));
  }

  @Test
  void numbersSurviveJsonAndBack() {
    AgentCounterChangeRow row = new AgentCounterChangeRow("c1", "incremented", AT, "org-1", "a1", "calls", 9_007_199_254_740_993L);
    assertEquals(row, Rows.fromJson(AgentCounterChangeRow.class, Rows.toJson(row)));
  }

  @Test
  void valuesNameColumnsInSnakeCaseWithNullForAnEmptyOptional() {
    assertEquals(null, Rows.values(agent).get("industry"));
    assertEquals(AT, Rows.values(agent).get("changed_at"));
    assertEquals(11, Rows.values(agent).size());
  }

  @Test
  void aMissingRequiredColumnIsNamed() {
    JsonObject json = Rows.toJson(agent);
    json.remove("organization_id");
    assertMessageNames("organization_id", json);
  }

  @Test
  void anUnknownColumnIsNamed() {
    JsonObject json = Rows.toJson(agent);
    json.addProperty("sector", "retail");
    assertMessageNames("sector", json);
  }

  @Test
  void aWrongTypeIsNamed() {
    JsonObject json = Rows.toJson(agent);
    json.add("changed_at", new JsonPrimitive(12));
    assertMessageNames("changed_at", json);
    JsonObject badTime = Rows.toJson(agent);
    badTime.addProperty("created_at", "yesterday");
    assertMessageNames("created_at", badTime);
  }

  private static void assertMessageNames(String column, JsonObject json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rows.fromJson(AgentChangeRow.class, json));
    assertTrue(e.getMessage().contains("'" + column + "'"), e.getMessage());
  }
}
