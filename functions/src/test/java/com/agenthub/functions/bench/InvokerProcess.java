package com.agenthub.functions.bench;

import com.agenthub.shared.local.LocalPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Functions Framework runner ({@code com.google.cloud.functions.invoker.runner.Invoker}, what
 * Cloud Functions runs) serving one function class in a new JVM. The Invoker has no host option:
 * it listens on every interface, and we only ever connect to 127.0.0.1. Closing stops that process.
 */
public final class InvokerProcess implements AutoCloseable {

  public static final String INVOKER = "com.google.cloud.functions.invoker.runner.Invoker";

  private final Process process;
  private final long startedNanos;
  private final int port;
  private final Path log;

  private InvokerProcess(Process process, long startedNanos, int port, Path log) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.port = port;
    this.log = log;
  }

  /** Times from {@link #start} (just before the fork): the port accepting, and the first full answer. */
  public record FirstAnswer(long listeningNanos, long answeredNanos, RawHttp.Response response) {}

  public static InvokerProcess start(String target, Map<String, String> env, List<String> jvmFlags, Path log) {
    return start(target, env, jvmFlags, fromTestClasspath(), log);
  }

  /** The Invoker's main class on this JVM's own classpath (the functions' classes, every dependency jar, test jars). */
  public static List<String> fromTestClasspath() {
    return List.of("-cp", System.getProperty("java.class.path"), INVOKER);
  }

  /**
   * As Cloud Functions launches a pre-built jar: {@code java -jar <invoker jar> --classpath <our jar>},
   * the functions in a class loader of their own over the one deploy jar.
   */
  public static List<String> deployed(Path deployJar) {
    String invokerJar = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> Path.of(entry).getFileName().toString().startsWith("java-function-invoker-"))
        .findFirst().orElseThrow(() -> new IllegalStateException("no java-function-invoker jar on the classpath"));
    return List.of("-jar", invokerJar, "--classpath", deployJar.toString());
  }

  /** {@code launch}: what follows the JVM flags up to the Invoker's own options ({@link #fromTestClasspath}, {@link #deployed}). */
  public static InvokerProcess start(String target, Map<String, String> env, List<String> jvmFlags, List<String> launch,
      Path log) {
    int port = LocalPorts.free();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(launch);
    command.addAll(List.of("--target", target, "--port", Integer.toString(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      long started = System.nanoTime();
      Process process = builder.start();
      return new InvokerProcess(process, started, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Invoker", e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Polls 127.0.0.1:port (every ~2 ms) until it accepts, sends {@code request} once and waits for
   * the whole response: JVM start to first answer. Fails if the process dies or 90 s pass.
   */
  public FirstAnswer awaitFirstAnswer(byte[] request) throws IOException, InterruptedException {
    long deadline = startedNanos + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Invoker exited with " + process.exitValue() + "; log: " + tail());
      }
      KeepAliveConnection connection;
      try {
        connection = new KeepAliveConnection(port, 60_000);
      } catch (ConnectException notYet) {
        Thread.sleep(2);
        continue;
      }
      long listening = System.nanoTime() - startedNanos;
      try (connection) {
        RawHttp.Response response = connection.exchange(request);
        return new FirstAnswer(listening, System.nanoTime() - startedNanos, response);
      }
    }
    throw new IllegalStateException("the Invoker did not answer within 90 s; log: " + tail());
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

}
