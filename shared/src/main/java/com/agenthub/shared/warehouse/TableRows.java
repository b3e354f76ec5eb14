package com.agenthub.shared.warehouse;

import java.util.Map;
import java.util.Optional;

/** Which row record each warehouse table holds; the schema files are checked against these. */
public final class TableRows {

  private static final Map<String, Class<? extends Record>> ROW_TYPES = Map.ofEntries(
      Map.entry("analytics_events", AnalyticsEventRow.class),
      Map.entry("organizations", OrganizationChangeRow.class),
      Map.entry("agents", AgentChangeRow.class),
      Map.entry("api_keys", ApiKeyChangeRow.class),
      Map.entry("users", UserChangeRow.class),
      Map.entry("agent_counter_changes", AgentCounterChangeRow.class),
      Map.entry("conversations", ConversationChangeRow.class),
      Map.entry("conversation_messages", ConversationMessageRow.class),
      Map.entry("conversation_settings", ConversationSettingsChangeRow.class),
      Map.entry("faqs", FaqChangeRow.class),
      Map.entry("rag_documents", RagDocumentChangeRow.class),
      Map.entry("knowledge_searches", KnowledgeSearchRow.class),
      Map.entry("rejected_messages", RejectedMessageRow.class),
      Map.entry("payment_intents", PaymentIntentChangeRow.class),
      Map.entry("payment_transactions", PaymentTransactionRow.class),
      Map.entry("payment_refunds", PaymentRefundChangeRow.class),
      Map.entry("tables", TableChangeRow.class),
      Map.entry("table_row_changes", TableRowChangeRow.class));

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
