package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.WarehouseContract;
import com.agenthub.shared.testing.Emulators;
import java.util.List;
import java.util.Map;

class BigQueryWarehouseLocalTest extends WarehouseContract {

  @Override
  protected Warehouse warehouse() {
    return Emulators.warehouse();
  }

  @Override
  protected List<Map<String, Object>> storedEvents(String organizationId) {
    return Emulators.warehouse().query(
        "SELECT id, organization_id, event_type, event_data, user_id, session_id, created_at, received_at"
            + " FROM {analytics_events} WHERE organization_id = @org",
        Map.of("org", QueryParameter.string(organizationId)));
  }
}
