package com.agenthub.migrate;

import com.agenthub.migrate.api.KeyCheck;
import com.agenthub.migrate.api.PlanCheck;
import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.importing.ImportPlan;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What import asks the API before it writes anything: may the key call every function the plan
 * needs ({@link KeyCheck}), then can the organization's plan hold the snapshot's agents
 * ({@link PlanCheck}). What passes is said on {@code report} (the dry run's output), what stops the
 * import on stderr; the result is the exit code to stop with, or empty to go on. An API that cannot
 * be reached throws, as any call does (Migrate says so, exit 1).
 */
final class Preflight {

  private Preflight() {}

  static Optional<Integer> run(PublicApi api, ImportPlan plan, ValidatedSnapshot snapshot, PrintStream report) {
    return key(api, plan, report).or(() -> plan(api, snapshot, report));
  }

  private static Optional<Integer> key(PublicApi api, ImportPlan plan, PrintStream report) {
    List<KeyCheck.Refusal> refusals = KeyCheck.refusals(api, plan.endpoints());
    if (refusals.isEmpty()) {
      report.println("key: may call every function above");
      return Optional.empty();
    }
    Optional<KeyCheck.Refusal> unknownKey = refusals.stream().filter(r -> r.status() == 401).findFirst();
    if (unknownKey.isPresent()) {
      System.err.println("import: the API does not accept this key (401: " + unknownKey.get().message() + ")");
    } else {
      refusals.forEach(r -> System.err.println("import: the key may not call " + r));
      Set<String> missing = KeyCheck.missingScopes(refusals);
      if (!missing.isEmpty()) {
        System.err.println("import: the key lacks " + missing.size() + (missing.size() == 1 ? " scope: " : " scopes: ")
            + String.join(", ", missing));
      }
    }
    System.err.println("import: nothing was written; the key must be able to call every function the import needs (README, Migration: The CLI)");
    report.println("key: REFUSED (see stderr)");
    return Optional.of(2);
  }

  private static Optional<Integer> plan(PublicApi api, ValidatedSnapshot snapshot, PrintStream report) {
    PlanCheck check = PlanCheck.of(api, snapshot.valid(Dictionary.AGENTS).size());
    switch (check.verdict()) {
      case TOO_SMALL -> {
        System.err.println("import: " + check.message() + "; nothing was written");
        report.println("plan: TOO SMALL (see stderr)");
        return Optional.of(2);
      }
      case NOT_CHECKED -> System.err.println("import: " + check.message());
      case FITS -> report.println("plan: " + check.message());
    }
    return Optional.empty();
  }
}
