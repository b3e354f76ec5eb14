package com.agenthub.shared.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.adapter.memory.InMemoryWarehouse.ReceivedQuery;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.WarehouseContract;
import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.warehouse.JsonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryWarehouseTest extends WarehouseContract {
  private final InMemoryWarehouse warehouse = new InMemoryWarehouse();

  @Override
  protected Warehouse warehouse() {
    return warehouse;
  }

  @Override
  protected List<Map<String, Object>> storedEvents(String organizationId) {
    return warehouse.rows("analytics_events").stream()
        .filter(r -> organizationId.equals(r.get("organization_id")))
        .map(InMemoryWarehouseTest::asQueried)
        .toList();
  }

  /** The stored values as a query returns them: JSON columns as their text. */
  private static Map<String, Object> asQueried(Map<String, Object> values) {
    Map<String, Object> row = new LinkedHashMap<>();
    values.forEach((column, value) -> row.put(column, value instanceof JsonText json ? json.json() : value));
    return row;
  }

  @Test
  void queriesAreRecordedAndAnsweredByTheProgrammedFunction() {
    warehouse.answerQueries(q -> List.of(Map.of("n", Long.parseLong(q.parameters().get("min").value()) + 1)));
    Map<String, QueryParameter> parameters = Map.of("min", QueryParameter.int64(41));

    assertEquals(List.of(Map.of("n", 42L)), warehouse.query("SELECT n FROM {agents_latest} WHERE n > @min", parameters));
    assertEquals(List.of(new ReceivedQuery("SELECT n FROM {agents_latest} WHERE n > @min", parameters)), warehouse.queries());
  }

  @Test
  void undeclaredNamesAreRefusedAsBigQueryWarehouseRefusesThem() {
    WarehouseException e = assertThrows(WarehouseException.class, () -> warehouse.query("SELECT * FROM {secrets}", Map.of()));
    assertEquals(WarehouseException.Reason.REJECTED, e.reason());
    assertEquals(List.of(), warehouse.queries());
  }
}
