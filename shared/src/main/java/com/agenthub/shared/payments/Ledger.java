package com.agenthub.shared.payments;

import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the ledger: its entries page by page, and balances computed from every entry. */
public final class Ledger {

  private final DocumentStore store;
  private final Pager pager;

  public Ledger(DocumentStore store) {
    this.store = store;
    this.pager = new Pager(store);
  }

  /** An organization's entries, or one intent's, oldest first. */
  public Page<LedgerEntry> entries(String organizationId, Optional<String> intentId, PageRequest page) {
    Query query = Query.all(PaymentPaths.ledgerEntries(organizationId), 1);
    if (intentId.isPresent()) {
      PaymentIntents.load(store, organizationId, intentId.get());
      query = query.where("payment_intent_id", Ids.require("payment_intent_id", intentId.get()));
    }
    return pager.page(query, "created_at", page).map(IntentDocuments::entryFromDocument);
  }

  /**
   * Balances per currency, summed from every entry of the organization (read in batches of
   * {@link Query#MAX_LIMIT}): never a stored total that could drift from the entries.
   */
  public List<Balance> balances(String organizationId) {
    Map<String, Map<LedgerAccount, Long>> sums = new TreeMap<>();
    Map<String, Long> counts = new TreeMap<>();
    Query base = Query.all(PaymentPaths.ledgerEntries(organizationId), Query.MAX_LIMIT).orderBy("created_at");
    Optional<Query.Cursor> after = Optional.empty();
    while (true) {
      Query query = after.isPresent() ? base.startAfter(after.get()) : base;
      List<StoredDocument> batch = store.query(query);
      for (StoredDocument doc : batch) {
        LedgerEntry entry = IntentDocuments.entryFromDocument(doc);
        sums.computeIfAbsent(entry.currency(), c -> new EnumMap<>(LedgerAccount.class))
            .merge(entry.account(), entry.signed(), Long::sum);
        counts.merge(entry.currency(), 1L, Long::sum);
      }
      if (batch.size() < Query.MAX_LIMIT) {
        break;
      }
      StoredDocument last = batch.get(batch.size() - 1);
      after = Optional.of(new Query.Cursor(last.data().get("created_at"), last.id()));
    }
    List<Balance> balances = new ArrayList<>();
    sums.forEach((currency, accounts) -> balances.add(new Balance(currency, Map.copyOf(accounts), counts.get(currency))));
    return balances;
  }
}
