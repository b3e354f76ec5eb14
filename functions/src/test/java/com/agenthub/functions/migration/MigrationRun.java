package com.agenthub.functions.migration;

import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.migrate.Migrate;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Runs the migration CLI against the local stack, as an operator would, and reads what it wrote. */
final class MigrationRun {

  private MigrationRun() {}

  static int migrate(String command, Path snapshot, String key, String... more) {
    List<String> args = new ArrayList<>(List.of(command, snapshot.toString(), "--base-url", LocalStackFixture.baseUrl(),
        "--key", key));
    if (command.equals("import")) {
      args.add("--no-progress");
    }
    args.addAll(List.of(more));
    return Migrate.run(args.toArray(String[]::new));
  }

  static JsonObject json(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  static JsonObject summary(Path snapshot) throws IOException {
    return json(snapshot.resolve(".migrate/summary.json"));
  }

  static JsonObject verifyReport(Path snapshot) throws IOException {
    return json(snapshot.resolve(".migrate/verify.json"));
  }

  static List<JsonObject> rejects(Path snapshot) throws IOException {
    return Files.readAllLines(snapshot.resolve(".migrate/rejects.ndjson"), StandardCharsets.UTF_8).stream()
        .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  /** The dictionary's entry of a verify report. */
  static JsonObject dictionary(JsonObject report, String name) {
    for (var d : report.getAsJsonArray("dictionaries")) {
      if (d.getAsJsonObject().get("dictionary").getAsString().equals(name)) {
        return d.getAsJsonObject();
      }
    }
    throw new AssertionError("no " + name + " in " + report);
  }

  /** A new organization on the enterprise plan (10,000 agents), and its key. */
  static String enterpriseKey(String name) {
    var tenant = LocalStackFixture.newTenant(name);
    var answer = LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"enterprise\"}", java.util.Map.of());
    if (answer.status() != 200) {
      throw new IllegalStateException("UpdateOrganization answered " + answer);
    }
    return tenant.client().bearer();
  }

  /** A command's exit code and what it printed. */
  record Output(int code, String out, String err) {}

  /** Runs a command capturing System.out and System.err, which the CLI prints to (test classes run one at a time). */
  static Output captured(Callable<Integer> command) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    try {
      int code = command.call();
      return new Output(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
