package com.agenthub.functions.infrastructure;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Terraform evaluating expressions offline: {@code terraform console} over a configuration
 * of variables and locals only (no provider, so no {@code init}). Each expression's value comes
 * back as JSON.
 */
final class TerraformConsole {

  static final String INSTALL = "install Terraform 1.11+ (https://developer.hashicorp.com/terraform/install)";

  private final Path configuration;
  private final Map<String, String> variables;

  TerraformConsole(Path configuration, Map<String, String> variables) {
    this.configuration = configuration;
    this.variables = variables;
  }

  /** The expression on one line: its comments dropped (they would swallow what follows) and its lines joined. */
  static String oneLine(String expression) {
    StringBuilder joined = new StringBuilder();
    for (String line : expression.split("\n")) {
      boolean quoted = false;
      int end = line.length();
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && quoted) {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '#' || (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/'))) {
          end = i;
          break;
        }
      }
      joined.append(line, 0, end).append(' ');
    }
    return joined.toString().strip();
  }

  /** The values of the expressions, in order; an expression Terraform rejects fails the whole call. */
  List<JsonElement> evaluate(List<String> expressions) {
    Path terraform = TerraformCheck.terraform().orElseThrow(() -> new IllegalStateException(
        "terraform is not on PATH: the infrastructure tests evaluate the Terraform with it — " + INSTALL));
    List<String> command = new ArrayList<>(List.of(terraform.toString(), "console"));
    variables.forEach((name, value) -> command.add("-var=" + name + "=" + value));
    // Piped, the console evaluates each line but prints only the last value: so all expressions go in one list, on one line.
    String input = "jsonencode([" + String.join(", ", expressions.stream().map(e -> "(" + oneLine(e) + ")").toList())
        + "])\n";
    try {
      Path in = Files.writeString(Files.createTempFile("terraform-console-", ".in"), input);
      Path out = Files.createTempFile("terraform-console-", ".out");
      Path err = Files.createTempFile("terraform-console-", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(configuration.toFile())
            .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        builder.environment().put("TF_IN_AUTOMATION", "1");
        List<String> lines = List.of();
        Process process = null;
        // On a machine loaded far past its cores the console has been seen to exit 0 having printed
        // nothing; that is no answer at all (any expression error exits non-zero), so ask again.
        for (int attempt = 0; attempt < 6 && lines.isEmpty(); attempt++) {
          if (attempt > 0) {
            Thread.sleep(2000L * attempt); // seen three times in a row at load 25: give the machine a moment
          }
          process = builder.start();
          if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("terraform console did not finish within 60 s");
          }
          lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
          if (process.exitValue() != 0) {
            break;
          }
        }
        if (process.exitValue() == 0 && lines.size() == 1 && !lines.get(0).startsWith("\"")) {
          throw new IllegalStateException("terraform console printed " + lines.get(0) + " instead of a value: an expression"
              + " depends on something unknown (a variable without a default, a resource attribute):\n" + String.join("\n", expressions));
        }
        if (process.exitValue() != 0 || lines.size() != 1) {
          throw new IllegalStateException("terraform console rejected the expressions (exit " + process.exitValue() + "):\n"
              + Files.readString(err).strip() + "\nexpressions:\n" + String.join("\n", expressions));
        }
        // The console prints the JSON text as an HCL string: JSON escapes, plus $${ and %%{ for literal ${ and %{.
        String json = JsonParser.parseString(lines.get(0)).getAsString().replace("$${", "${").replace("%%{", "%{");
        List<JsonElement> values = new ArrayList<>();
        JsonParser.parseString(json).getAsJsonArray().forEach(values::add);
        return values;
      } finally {
        Files.deleteIfExists(in);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run terraform console", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("terraform console interrupted", e);
    }
  }
}
