package com.agenthub.shared.testing;

import com.agenthub.shared.adapter.bigquery.BigQueryClients;
import com.agenthub.shared.adapter.bigquery.BigQueryWarehouse;
import com.agenthub.shared.adapter.bigquery.WarehouseSetup;
import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.local.BigQueryLocal;
import com.agenthub.shared.local.Emulator;
import com.agenthub.shared.local.RunningEmulator;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.util.Optional;

/**
 * The emulators for this test JVM: started once on first use (free ports on 127.0.0.1) and
 * stopped when the JVM exits. A missing emulator fails the suite; it is never skipped.
 */
public final class Emulators {

  public static final String PROJECT_ID = "agenthub-test";

  private static RunningEmulator firestoreEmulator;
  private static RunningEmulator pubsubEmulator;
  private static Firestore firestore;
  private static PubSubConnection pubsub;
  private static BigQueryLocal bigQueryLocal;
  private static BigQuery bigQuery;
  private static BigQueryWarehouse warehouse;

  private Emulators() {}

  public static synchronized String firestoreHost() {
    if (firestoreEmulator == null) {
      firestoreEmulator = RunningEmulator.start(Emulator.FIRESTORE, "2g");
      Runtime.getRuntime().addShutdownHook(new Thread(firestoreEmulator::close));
    }
    return firestoreEmulator.hostPort();
  }

  public static synchronized String pubsubHost() {
    if (pubsubEmulator == null) {
      pubsubEmulator = RunningEmulator.start(Emulator.PUBSUB, "512m");
      Runtime.getRuntime().addShutdownHook(new Thread(pubsubEmulator::close));
    }
    return pubsubEmulator.hostPort();
  }

  public static synchronized Firestore firestore() {
    if (firestore == null) {
      firestore = FirestoreOptions.newBuilder()
          .setProjectId(PROJECT_ID)
          .setEmulatorHost(firestoreHost())
          .build()
          .getService();
    }
    return firestore;
  }

  public static synchronized PubSubConnection pubsub() {
    if (pubsub == null) {
      pubsub = PubSubConnection.to(PROJECT_ID, Optional.of(pubsubHost()));
    }
    return pubsub;
  }

  /** bigquery-local's URL, with the declared dataset, tables and views created in PROJECT_ID. */
  public static synchronized String bigQueryHost() {
    if (bigQueryLocal == null) {
      bigQueryLocal = BigQueryLocal.start();
      Runtime.getRuntime().addShutdownHook(new Thread(bigQueryLocal::close));
      new WarehouseSetup(bigQuery(), PROJECT_ID, WarehouseDeclaration.load()).run();
    }
    return bigQueryLocal.hostUrl();
  }

  /** The raw client, for tests that check what the adapter wrote or set up. */
  public static synchronized BigQuery bigQuery() {
    if (bigQuery == null) {
      bigQuery = BigQueryClients.create(PROJECT_ID, Optional.of(bigQueryHost()));
    }
    return bigQuery;
  }

  public static synchronized BigQueryWarehouse warehouse() {
    if (warehouse == null) {
      warehouse = BigQueryWarehouse.connect(PROJECT_ID, Optional.of(bigQueryHost()));
    }
    return warehouse;
  }
}
