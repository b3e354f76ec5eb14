package com.agenthub.shared.organizations;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.warehouse.OrganizationChangeRow;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Creating tenants. A new organization comes with its first API key, committed atomically. */
public final class Organizations {

  private final DocumentStore store;
  private final ApiKeys apiKeys;
  private final Clock clock;

  public Organizations(DocumentStore store, ApiKeys apiKeys, Clock clock) {
    this.store = store;
    this.apiKeys = apiKeys;
    this.clock = clock;
  }

  public record Created(Organization organization, IssuedApiKey firstKey) {}

  public Created create(String name) {
    Organization organization = new Organization(Ids.newId(), Names.require("name", name),
        Timestamps.now(clock));
    IssuedApiKey firstKey = apiKeys.prepare(organization.id(), "initial key");
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(path(organization.id()), Map.of(
        "id", organization.id(), "name", organization.name(), "created_at", organization.createdAt())));
    writes.add(Outbox.record(Change.of(new OrganizationChangeRow(Ids.newId(), Change.CREATED,
        organization.createdAt(), organization.id(), organization.name(), organization.createdAt())),
        organization.createdAt()));
    writes.addAll(apiKeys.writesFor(firstKey));
    store.commit(writes);
    return new Created(organization, firstKey);
  }

  public static DocumentPath path(String organizationId) {
    return DocumentPath.of("organizations", organizationId);
  }
}
