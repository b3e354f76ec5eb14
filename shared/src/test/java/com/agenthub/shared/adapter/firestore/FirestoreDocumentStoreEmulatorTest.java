package com.agenthub.shared.adapter.firestore;

import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.DocumentStoreContract;
import com.agenthub.shared.testing.Emulators;

class FirestoreDocumentStoreEmulatorTest extends DocumentStoreContract {
  private final DocumentStore store = new FirestoreDocumentStore(Emulators.firestore());

  @Override
  protected DocumentStore store() {
    return store;
  }
}
