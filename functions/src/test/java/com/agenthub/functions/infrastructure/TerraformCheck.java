package com.agenthub.functions.infrastructure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The offline Terraform check in {@code tools/terraform-check}, run with Node: HashiCorp's HCL parser
 * (hcl2json) for every {@code .tf} file, and every resource type, argument and block name against the
 * google provider schema read from {@code @cdktf/provider-google}. Also runs {@code terraform fmt -check}
 * when terraform is on PATH. A missing Node or install is an error naming the command to run.
 */
public final class TerraformCheck {

  public static final String INSTALL = "npm ci --prefix tools/terraform-check";
  private static final String TOOL = "tools/terraform-check";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** One problem: a file relative to the checked directory, its line, and what is wrong. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** What check.mjs saw: every .tf file it parsed (relative, sorted) and the problems in them. */
  public record Report(String provider, List<String> files, List<Problem> problems) {
    public String describe() {
      return problems.isEmpty()
          ? "clean: " + files.size() + " .tf file(s) against " + provider
          : problems.size() + " problem(s) against " + provider + ":\n"
              + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
  }

  /** {@code terraform fmt -check -recursive -diff}: exit 0 formatted, 3 needs formatting, 2 syntax error. */
  public record Fmt(int exitCode, String output) {
    public boolean formatted() {
      return exitCode == 0;
    }
  }

  private final Path repoRoot;
  private final Path toolDir;

  private TerraformCheck(Path repoRoot, Path toolDir) {
    this.repoRoot = repoRoot;
    this.toolDir = toolDir;
  }

  /** The tool of the repository the tests run in (the nearest directory above holding tools/terraform-check). */
  public static TerraformCheck inRepository() {
    Path root = repoRoot();
    return new TerraformCheck(root, root.resolve(TOOL));
  }

  /** The tool in another directory (a tools/terraform-check folder). */
  static TerraformCheck in(Path toolDir) {
    return new TerraformCheck(toolDir.toAbsolutePath().getParent().getParent(), toolDir.toAbsolutePath());
  }

  /** The repository's {@code terraform/} directory. */
  public Path repositoryTerraform() {
    return repoRoot.resolve("terraform");
  }

  /**
   * Every .tf file under dir, parsed by HashiCorp's HCL parser: {@code { "<relative path>": <hcl2json
   * JSON> }}. In that JSON a block is an array of bodies, nested one object per label (resource → type →
   * name → [ body ]); expressions are strings like {@code "${var.x}"}. A syntax error throws with file:line.
   */
  public JsonObject parse(Path dir) {
    Run run = node("parse.mjs", dir.toAbsolutePath().toString());
    if (run.exitCode == 1) {
      throw new IllegalArgumentException("Terraform in " + dir + " does not parse:\n" + run.stderr.strip());
    }
    return run.ok().getAsJsonObject();
  }

  /** Parses and checks every .tf file under dir against the google provider schema. */
  public Report check(Path dir) {
    Run run = node("check.mjs", "--json", dir.toAbsolutePath().toString());
    if (run.exitCode != 0 && run.exitCode != 1) {
      run.ok(); // throws with its stderr
    }
    JsonObject json = JsonParser.parseString(run.stdout).getAsJsonObject();
    List<String> files = new ArrayList<>();
    json.getAsJsonArray("files").forEach(f -> files.add(f.getAsString()));
    List<Problem> problems = new ArrayList<>();
    for (JsonElement e : json.getAsJsonArray("problems")) {
      JsonObject p = e.getAsJsonObject();
      problems.add(new Problem(p.get("file").getAsString(), p.get("line").getAsInt(), p.get("message").getAsString()));
    }
    return new Report(json.get("provider").getAsString(), List.copyOf(files), List.copyOf(problems));
  }

  /** The provider schema: { provider, resources: { type: node }, data_sources: { type: node } }. */
  public JsonObject schema() {
    return node("schema.mjs").ok().getAsJsonObject();
  }

  /** terraform on PATH, if any. */
  public static Optional<Path> terraform() {
    return onPath("terraform");
  }

  /** Runs {@code terraform fmt -check -recursive -diff dir} offline (no CLI config, no checkpoint call). */
  public static Fmt fmt(Path dir) {
    Path terraform = terraform().orElseThrow(() -> new IllegalStateException("terraform is not on PATH"));
    ProcessBuilder builder = new ProcessBuilder(terraform.toString(), "fmt", "-check", "-recursive", "-diff", "-no-color",
        dir.toAbsolutePath().toString());
    builder.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    builder.environment().put("CHECKPOINT_DISABLE", "1");
    Run run = Run.of(builder.redirectErrorStream(true), "terraform fmt");
    return new Fmt(run.exitCode, run.stdout);
  }

  private Run node(String script, String... args) {
    if (!Files.isDirectory(toolDir.resolve("node_modules/@cdktf/hcl2json"))
        || !Files.isDirectory(toolDir.resolve("node_modules/@cdktf/provider-google"))) {
      throw new IllegalStateException("the Terraform check is not installed: run `" + INSTALL + "` (Node 20+) in "
          + repoRoot);
    }
    Path node = onPath("node").orElseThrow(() -> new IllegalStateException(
        "Node.js is missing: install Node 20+, then run `" + INSTALL + "` in " + repoRoot));
    List<String> command = new ArrayList<>(List.of(node.toString(), toolDir.resolve(script).toString()));
    command.addAll(List.of(args));
    return Run.of(new ProcessBuilder(command).directory(toolDir.toFile()), "node " + TOOL + "/" + script);
  }

  /** A finished process: exit code and output, read from temp files so a large output never blocks it. */
  private record Run(String what, int exitCode, String stdout, String stderr) {
    static Run of(ProcessBuilder builder, String what) {
      try {
        Path out = Files.createTempFile("terraform-check-", ".out");
        Path err = Files.createTempFile("terraform-check-", ".err");
        try {
          Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
          if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within " + TIMEOUT);
          }
          return new Run(what, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
        } finally {
          Files.deleteIfExists(out);
          Files.deleteIfExists(err);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run " + what, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(what + " interrupted", e);
      }
    }

    JsonElement ok() {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + stderr.strip());
      }
      return JsonParser.parseString(stdout);
    }
  }

  private static Path repoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(TOOL).resolve("package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException("the Terraform check is not found: run the tests inside the repository (it holds "
        + TOOL + ")");
  }

  private static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
