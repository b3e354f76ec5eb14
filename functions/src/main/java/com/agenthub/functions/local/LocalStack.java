package com.agenthub.functions.local;

import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.adapter.bigquery.BigQueryClients;
import com.agenthub.shared.adapter.bigquery.ScheduledQueryRunner;
import com.agenthub.shared.adapter.bigquery.WarehouseSetup;
import com.agenthub.shared.local.BigQueryLocal;
import com.agenthub.shared.local.Emulator;
import com.agenthub.shared.local.EmulatorMissingException;
import com.agenthub.shared.local.RunningEmulator;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.google.cloud.bigquery.BigQuery;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * README's first command: the Firestore and Pub/Sub emulators on free ports of 127.0.0.1, then
 * every function behind the local dev server, topic-triggered ones fed from the Pub/Sub emulator.
 * Ctrl-C stops all of it (only what it started).
 *
 * <p>Options: {@code --port N} for the dev server (default 8080; 0 picks a free one).
 */
public final class LocalStack {

  private LocalStack() {}

  public static void main(String[] args) throws Exception {
    int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 8080;
    List<AutoCloseable> started = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started)));
    try {
      Emulator.FIRESTORE.locateJar();
      Emulator.PUBSUB.locateJar();
    } catch (EmulatorMissingException e) {
      System.err.println("local-stack: " + e.getMessage());
      System.exit(2);
    }
    RunningEmulator firestore = RunningEmulator.start(Emulator.FIRESTORE, "2g");
    started.add(firestore);
    RunningEmulator pubsub = RunningEmulator.start(Emulator.PUBSUB, "512m");
    started.add(pubsub);
    BigQueryLocal bigQuery;
    try {
      bigQuery = BigQueryLocal.start();
    } catch (EmulatorMissingException e) {
      System.err.println("local-stack: " + e.getMessage());
      System.exit(2);
      return;
    }
    started.add(bigQuery);
    // The dataset, tables, views and aggregates, from the same files Terraform loads; and the
    // scheduled queries that fill the aggregates, on a local timer.
    WarehouseDeclaration warehouse = WarehouseDeclaration.load();
    BigQuery bigQueryClient = BigQueryClients.create(Settings.projectId(), Optional.of(bigQuery.hostUrl()));
    new WarehouseSetup(bigQueryClient, Settings.projectId(), warehouse).run();
    started.add(0, LocalScheduledQueries.start(new ScheduledQueryRunner(bigQueryClient, Settings.projectId(), warehouse)));

    System.setProperty(Settings.FIRESTORE_EMULATOR_HOST, firestore.hostPort());
    System.setProperty(Settings.PUBSUB_EMULATOR_HOST, pubsub.hostPort());
    System.setProperty(Settings.BIGQUERY_EMULATOR_HOST, bigQuery.hostUrl());
    String adminToken = Settings.get(Settings.PLATFORM_ADMIN_TOKEN).orElseGet(LocalStack::newToken);
    System.setProperty(Settings.PLATFORM_ADMIN_TOKEN, adminToken);
    // Payments locally go to the simulated processor unless the developer asks for Stripe (test mode keys).
    if (Settings.get(Settings.PAYMENTS_PROCESSOR).isEmpty()) {
      System.setProperty(Settings.PAYMENTS_PROCESSOR, "simulated");
    }

    PubSubConnection pubsubConnection = PubSubConnection.to(Settings.projectId(), Optional.of(pubsub.hostPort()));
    started.add(0, pubsubConnection);
    LocalDevServer server = LocalDevServer.start(FunctionCatalog.load(), port, Optional.of(pubsubConnection));
    started.add(0, server);
    String base = server.baseUrl();
    System.err.printf("""

        AgentHub local stack is up.
          functions:   %s/<FunctionName>   (list: %s/ , API: %s/openapi.yaml)
          firestore:   %s (emulator, pid %d)
          pubsub:      %s (emulator, pid %d)
          bigquery:    %s (bigquery-local, pid %d; dataset %s)
          admin token: %s   (local bootstrap credential for CreateOrganization)

        Try:
          curl -s -X POST %s/CreateOrganization -H 'Authorization: Bearer %s' \\
               -H 'Content-Type: application/json' -d '{"name": "Acme"}'

        Ctrl-C stops everything.
        %n""", base, base, base, firestore.hostPort(), firestore.pid(), pubsub.hostPort(), pubsub.pid(),
        bigQuery.hostUrl(), bigQuery.pid(), warehouse.dataset(),
        adminToken, base, adminToken);
    Thread.currentThread().join();
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return "local-admin-" + HexFormat.of().formatHex(bytes);
  }

  private static void stopAll(List<AutoCloseable> started) {
    for (AutoCloseable resource : started) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("local-stack: while stopping: " + e.getMessage());
      }
    }
  }
}
