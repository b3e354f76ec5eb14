package com.agenthub.shared.adapter.memory;

import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.DocumentStoreContract;

class InMemoryDocumentStoreTest extends DocumentStoreContract {
  private final InMemoryDocumentStore store = new InMemoryDocumentStore();

  @Override
  protected DocumentStore store() {
    return store;
  }
}
