package com.agenthub.shared.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One emulator process that we started, on 127.0.0.1 and a free port. Closing it stops that
 * process (by its handle, never by name).
 */
public final class RunningEmulator implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Emulator emulator;
  private final Process process;
  private final int port;
  private final Path log;

  private RunningEmulator(Emulator emulator, Process process, int port, Path log) {
    this.emulator = emulator;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A port that was free when probed can be taken before the emulator binds it: try a few. */
  private static final int START_ATTEMPTS = 3;

  /** Starts the emulator and waits until it answers HTTP; fails with the tail of its log if it dies. */
  public static RunningEmulator start(Emulator emulator, String heap) {
    Path jar = emulator.locateJar();
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(emulator, jar, heap);
      } catch (PortTakenException e) {
        if (attempt == START_ATTEMPTS) {
          throw new IllegalStateException(e.getMessage());
        }
      }
    }
  }

  private static final class PortTakenException extends RuntimeException {
    PortTakenException(String message) {
      super(message);
    }
  }

  private static RunningEmulator startOnce(Emulator emulator, Path jar, String heap) {
    int port = LocalPorts.free();
    try {
      Path log = Files.createTempFile("agenthub-" + emulator.name().toLowerCase() + "-", ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(emulator.command(java, jar, port, heap))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      RunningEmulator running = new RunningEmulator(emulator, process, port, log);
      running.awaitReady();
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + emulator.displayName(), e);
    }
  }

  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        if (tail().contains("Address already in use")) {
          throw new PortTakenException(emulator.displayName() + ": port " + port + " was taken");
        }
        throw new IllegalStateException(emulator.displayName() + " exited with " + process.exitValue()
            + "; its log: " + tail());
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/")).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the " + emulator.displayName());
      }
    }
    close();
    throw new IllegalStateException(emulator.displayName() + " did not answer within " + START_TIMEOUT
        + "; its log: " + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.startsWith("\tat ")).toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }


  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
