package com.agenthub.shared.warehouse;

import java.util.Map;
import java.util.Optional;

/** Which row record each warehouse table holds; the schema files are checked against these. */
public final class TableRows {

  private static final Map<String, Class<? extends Record>> ROW_TYPES = Map.of(
      "analytics_events", AnalyticsEventRow.class,
      "organizations", OrganizationChangeRow.class,
      "agents", AgentChangeRow.class,
      "api_keys", ApiKeyChangeRow.class,
      "agent_counter_changes", AgentCounterChangeRow.class,
      "rejected_messages", RejectedMessageRow.class,
      "payment_intents", PaymentIntentChangeRow.class,
      "payment_transactions", PaymentTransactionRow.class,
      "payment_refunds", PaymentRefundChangeRow.class);

  private TableRows() {}

  public static Map<String, Class<? extends Record>> all() {
    return ROW_TYPES;
  }

  public static Optional<Class<? extends Record>> of(String table) {
    return Optional.ofNullable(ROW_TYPES.get(table));
  }

  /** The table whose rows {@code rowType} describes. */
  public static Optional<String> tableOf(Class<? extends Record> rowType) {
    return ROW_TYPES.entrySet().stream().filter(e -> e.getValue() == rowType).map(Map.Entry::getKey).findFirst();
  }
}
