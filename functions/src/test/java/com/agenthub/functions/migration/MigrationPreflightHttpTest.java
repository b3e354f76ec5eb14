package com.agenthub.functions.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.organizations.Plan;
import com.agenthub.shared.organizations.PlanLimit;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before it writes anything, import checks that its key may call every function the import needs
 * and that the organization's plan can hold the snapshot's agents: a key without a scope it needs,
 * a key the API does not know, or a plan too small stops it with exit 2, the reason named, and
 * nothing in the store; a dry run with a key reports the same.
 */
class MigrationPreflightHttpTest {

  @TempDir
  Path snapshot;

  @Test
  void aKeyWithoutAScopeTheImportNeedsStopsItBeforeAnythingIsWritten() throws Exception {
    LegacySnapshots.write(snapshot, 400, 11);
    var tenant = LocalStackFixture.newTenant("key-check");
    ApiClient owner = tenant.client();
    // Every write scope, but neither knowledge:read (EmbedTexts) nor tables:read (GetTable).
    String writeOnly = JsonParser.parseString(owner.post("CreateApiKey", "{\"name\": \"write-only\", \"scopes\": "
        + "[\"agents:write\", \"knowledge:write\", \"tables:write\", \"payments:write\", \"analytics:write\"]}").body())
        .getAsJsonObject().get("key").getAsString();
    Path work = snapshot.resolve("work");

    MigrationRun.Output refused = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, writeOnly, "--work-dir", work.toString()));
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("EmbedTexts needs the scope 'knowledge:read'"), refused.err());
    assertTrue(refused.err().contains("GetTable needs the scope 'tables:read'"), refused.err());
    assertTrue(refused.err().contains("the key lacks 2 scopes: knowledge:read, tables:read"), refused.err());
    assertTrue(refused.err().contains("nothing was written"), refused.err());
    assertFalse(refused.err().contains("CreateAgents"), "a function the key may call is not named: " + refused.err());
    assertFalse(Files.exists(work.resolve("checkpoint.ndjson")), "no batch was started");
    assertEquals(0, JsonParser.parseString(owner.get("ListAgents").body()).getAsJsonObject().getAsJsonArray("agents").size());
    assertEquals(0, JsonParser.parseString(owner.get("ListTables").body()).getAsJsonObject().getAsJsonArray("tables").size());

    MigrationRun.Output dryRun = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, writeOnly, "--dry-run"));
    assertEquals(2, dryRun.code(), dryRun.out());
    assertTrue(dryRun.out().contains("key: REFUSED"), dryRun.out());
    assertTrue(dryRun.err().contains("'knowledge:read'"), dryRun.err());

    MigrationRun.Output unknown = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, "ahk_not-a-key", "--work-dir", work.toString()));
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("the API does not accept this key (401"), unknown.err());

    MigrationRun.Output allowed = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, owner.bearer(), "--dry-run"));
    assertTrue(allowed.out().contains("key: may call every function above"), allowed.out());
  }

  @Test
  void aSnapshotOfMoreAgentsThanThePlanAllowsStopsTheImportBeforeAnythingIsWritten() throws Exception {
    int agents = LegacySnapshots.write(snapshot, 400, 12).counts().get(LegacySnapshots.Kind.AGENTS);
    var tenant = LocalStackFixture.newTenant("plan-check");
    ApiClient owner = tenant.client();
    long trial = Plan.TRIAL.limit(PlanLimit.AGENTS);
    assertTrue(agents > trial, "the snapshot must not fit the trial plan: " + agents);
    Path work = snapshot.resolve("work");

    MigrationRun.Output refused = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, owner.bearer(), "--work-dir", work.toString()));
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("the snapshot holds " + agents + " agents; the organization's plan 'trial' allows " + trial),
        refused.err());
    assertFalse(Files.exists(work.resolve("checkpoint.ndjson")), "no batch was started");
    assertEquals(0, JsonParser.parseString(owner.get("ListTables").body()).getAsJsonObject().getAsJsonArray("tables").size());

    // A key that may not read the organization imports without the check (saying so), as before it existed.
    String noOrganizationRead = JsonParser.parseString(owner.post("CreateApiKey", "{\"name\": \"no-org-read\", \"scopes\": "
        + "[\"agents:write\", \"knowledge:write\", \"knowledge:read\", \"tables:write\", \"tables:read\", \"payments:write\", "
        + "\"analytics:write\"]}").body()).getAsJsonObject().get("key").getAsString();
    MigrationRun.Output unchecked = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, noOrganizationRead, "--dry-run"));
    assertTrue(unchecked.err().contains("plan not checked: GetOrganization answered 403"), unchecked.err());
    assertTrue(unchecked.out().contains("key: may call every function above"), unchecked.out());

    assertEquals(200, LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"enterprise\"}", java.util.Map.of()).status());
    MigrationRun.Output fits = MigrationRun.captured(() -> MigrationRun.migrate("import", snapshot, owner.bearer(), "--dry-run"));
    assertEquals(0, fits.code(), fits.out() + fits.err());
    assertTrue(fits.out().contains("plan: plan 'enterprise' allows " + Plan.ENTERPRISE.limit(PlanLimit.AGENTS) + " agents"), fits.out());
  }
}
