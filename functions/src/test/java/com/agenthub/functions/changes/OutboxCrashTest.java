package com.agenthub.functions.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.local.LocalPorts;
import com.agenthub.shared.testing.Emulators;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gap the outbox closes: a function commits a change, then dies before publishing it. A dev
 * server in its own JVM gets a Pub/Sub "emulator" that accepts connections and never answers, so
 * every publish hangs after the Firestore commit; once the commit is visible the process is
 * killed with SIGKILL. The change must still reach BigQuery — via the relay's sweep.
 */
class OutboxCrashTest {

  @Test
  void aChangeCommittedByAFunctionKilledBeforeItsPublishStillReachesBigQuery() throws Exception {
    LocalStackFixture.baseUrl(); // the in-process stack: delivery, the relay's schedule, ingestion
    String name = "crash-" + UUID.randomUUID();
    int port = LocalPorts.free();
    try (BlackHole pubsub = new BlackHole()) {
      Process server = DevServerProcess.start(port, Map.of(Settings.PUBSUB_EMULATOR_HOST, pubsub.hostPort()));
      try {
        ApiClient admin = new ApiClient("http://127.0.0.1:" + port, LocalStackFixture.ADMIN_TOKEN);
        CompletableFuture<Integer> reply = CompletableFuture.supplyAsync(
            () -> admin.post("CreateOrganization", "{\"name\": \"" + name + "\"}").status());

        awaitOutboxRecordFor(name);
        assertTrue(!reply.isDone(), "the function is still waiting on its publish: it has not answered");
        server.destroyForcibly(); // SIGKILL between the commit and the publish
        assertTrue(server.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, server.exitValue());
      } finally {
        server.destroyForcibly();
      }
    }
    assertEquals(1, WarehouseProbe.awaitCount("organizations", "name", name, 1, Duration.ofSeconds(90)),
        "the committed change reached BigQuery although its function died before publishing it");
  }

  private static void awaitOutboxRecordFor(String name) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      for (QueryDocumentSnapshot record : Emulators.firestore().collection("outbox").get().get().getDocuments()) {
        // A record of one change keeps its row; the records of one commit share a document's changes.
        String text = record.contains("changes") ? record.getString("changes") : record.getString("row");
        if (text != null && text.contains(name)) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the organization's change was never committed to the outbox");
  }

  /** A TCP server on 127.0.0.1 that accepts connections and never answers: publishes hang. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor = new Thread(this::accept, "black-hole");

    BlackHole() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String hostPort() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
      try {
        while (true) {
          Socket connection = socket.accept();
          synchronized (accepted) {
            accepted.add(connection);
          }
        }
      } catch (IOException closed) {
        // close() ends the loop
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (accepted) {
        for (Socket connection : accepted) {
          connection.close();
        }
      }
    }
  }
}
