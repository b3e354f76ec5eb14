package com.agenthub.shared.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bigquery-local process (the BigQuery REST API over DuckDB) that we started with
 * {@code tools/bigquery-local/server.mjs} on 127.0.0.1 and a port it picked. Closing it stops that
 * process by its handle.
 */
public final class BigQueryLocal implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LISTENING = Pattern.compile("bigquery-local listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final String LAUNCHER = "tools/bigquery-local/server.mjs";
  private static final String INSTALL = "npm ci --prefix tools/bigquery-local";

  private final Process process;
  private final String hostUrl;
  private final Path log;

  private BigQueryLocal(Process process, String hostUrl, Path log) {
    this.process = process;
    this.hostUrl = hostUrl;
    this.log = log;
  }

  /** Starts it and waits for its "listening" line; a missing Node or install fails with the command to run. */
  public static BigQueryLocal start() {
    return start(locateDirectory());
  }

  /** Starts the launcher in {@code dir} (a {@code tools/bigquery-local} folder). */
  public static BigQueryLocal start(Path dir) {
    if (!Files.isDirectory(dir.resolve("node_modules/bigquery-local"))) {
      throw new EmulatorMissingException("bigquery-local is not installed: run `" + INSTALL + "` (Node 20+) in "
          + dir.getParent().getParent());
    }
    String node = locateNode();
    try {
      Path log = Files.createTempFile("agenthub-bigquery-local-", ".log");
      Process process = new ProcessBuilder(node, dir.resolve("server.mjs").toString(), "0")
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .start();
      CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> copyUntilListening(process, log));
      try {
        return new BigQueryLocal(process, url.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), log);
      } catch (TimeoutException | ExecutionException | InterruptedException e) {
        process.destroyForcibly();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("bigquery-local did not start within " + START_TIMEOUT + "; its log ("
            + log + "): " + tail(log), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start bigquery-local", e);
    }
  }

  /** Like {@code http://127.0.0.1:PORT}: pass to BigQueryClients. */
  public String hostUrl() {
    return hostUrl;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Returns the URL from the launcher's first line, then keeps copying its output to the log. */
  private static String copyUntilListening(Process process, Path log) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          Thread drain = new Thread(() -> drain(out, log), "bigquery-local-log");
          drain.setDaemon(true);
          drain.start();
          return matcher.group(1);
        }
      }
      throw new IllegalStateException("bigquery-local exited before listening");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drain(BufferedReader out, Path log) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      // The process ended; nothing more to log.
    }
  }

  /** {@code BIGQUERY_LOCAL_DIR}, else the nearest {@code tools/bigquery-local} above the working directory. */
  static Path locateDirectory() {
    Optional<Path> configured = Optional.ofNullable(System.getenv("BIGQUERY_LOCAL_DIR")).map(Path::of);
    if (configured.isPresent()) {
      if (Files.isRegularFile(configured.get().resolve("server.mjs"))) {
        return configured.get().toAbsolutePath();
      }
      throw new EmulatorMissingException("bigquery-local launcher not found: BIGQUERY_LOCAL_DIR=" + configured.get()
          + " has no server.mjs");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(LAUNCHER))) {
        return dir.resolve(LAUNCHER).getParent();
      }
    }
    throw new EmulatorMissingException("bigquery-local launcher not found: run from the repository (it holds "
        + LAUNCHER + ") or set BIGQUERY_LOCAL_DIR");
  }

  private static String locateNode() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path node = Path.of(dir, "node");
      if (Files.isExecutable(node)) {
        return node.toString();
      }
    }
    throw new EmulatorMissingException("Node.js is missing: install Node 20+ and run `" + INSTALL + "`");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
