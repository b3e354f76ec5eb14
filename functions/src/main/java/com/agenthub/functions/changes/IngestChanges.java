package com.agenthub.functions.changes;

import com.agenthub.functions.IngestFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.changes.ChangeMessages;

/** Consumes platform-changes: each committed change becomes a row of its change table, once. */
public final class IngestChanges extends IngestFunction {

  public IngestChanges() {
    this(Services.production());
  }

  public IngestChanges(Services services) {
    super("IngestChanges", services.ingestion(), ChangeMessages::decodeRow);
  }
}
