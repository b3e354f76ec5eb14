package com.agenthub.functions.bench;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.local.Emulator;
import com.agenthub.shared.local.RunningEmulator;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every benchmark runs against: a Firestore emulator (ours, on 127.0.0.1), the dev server
 * in this JVM, one organization with its API key and one agent (made through the API), and a
 * raw Firestore client for the floor. Closing it stops only what it started.
 */
public final class BenchEnvironment implements AutoCloseable {

  public static final String PROJECT = "agenthub-bench";
  private static final String ADMIN_TOKEN = "bench-platform-admin-token";

  private final Path workDir;
  private final RunningEmulator emulator;
  private final LocalDevServer devServer;
  private final Firestore firestore;
  private final String apiKey;
  private final String organizationId;
  private final String agentId;

  private BenchEnvironment(Path workDir, RunningEmulator emulator, LocalDevServer devServer, Firestore firestore,
      String apiKey, String organizationId, String agentId) {
    this.workDir = workDir;
    this.emulator = emulator;
    this.devServer = devServer;
    this.firestore = firestore;
    this.apiKey = apiKey;
    this.organizationId = organizationId;
    this.agentId = agentId;
  }

  public static BenchEnvironment start(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    RunningEmulator emulator = RunningEmulator.start(Emulator.FIRESTORE, "2g");
    LocalDevServer server = null;
    try {
      System.setProperty(Settings.PROJECT, PROJECT);
      System.setProperty(Settings.FIRESTORE_EMULATOR_HOST, emulator.hostPort());
      System.setProperty(Settings.PLATFORM_ADMIN_TOKEN, ADMIN_TOKEN);
      server = LocalDevServer.start(FunctionCatalog.load(), 0);
      ApiResponse org = new ApiClient(server.baseUrl(), ADMIN_TOKEN)
          .post("CreateOrganization", "{\"name\": \"Bench Org\"}");
      require(org, 201, "CreateOrganization");
      String key = org.json().getAsJsonObject("api_key").get("key").getAsString();
      String orgId = org.json().getAsJsonObject("organization").get("id").getAsString();
      // The load rows create thousands of agents: the largest plan's limit, not the trial's.
      require(new ApiClient(server.baseUrl(), ADMIN_TOKEN).patch("UpdateOrganization?organization_id=" + orgId,
          "{\"subscription_plan\": \"enterprise\"}", java.util.Map.of()), 200, "UpdateOrganization");
      ApiResponse agent = new ApiClient(server.baseUrl(), key).post("CreateAgent", agentJson("bench-agent"));
      require(agent, 201, "CreateAgent");
      Firestore firestore = FirestoreOptions.newBuilder()
          .setProjectId(PROJECT)
          .setEmulatorHost(emulator.hostPort())
          .build()
          .getService();
      return new BenchEnvironment(workDir, emulator, server, firestore, key, orgId,
          agent.json().get("id").getAsString());
    } catch (Exception | Error e) {
      if (server != null) {
        server.close();
      }
      emulator.close();
      throw e;
    }
  }

  private static void require(ApiResponse response, int status, String what) {
    if (response.status() != status) {
      throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
    }
  }

  /** The body every CreateAgent of the benchmarks sends. */
  public static String agentJson(String name) {
    return "{\"name\": \"" + name + "\", \"industry\": \"retail\", \"configuration\": "
        + "{\"model\": \"gpt-4o\", \"temperature\": 0.2, \"tools\": [\"search\", \"calendar\"]}}";
  }

  /** What the Invoker needs in its environment to serve our functions against this emulator. */
  public Map<String, String> functionEnvironment() {
    return Map.of(Settings.FIRESTORE_EMULATOR_HOST, emulator.hostPort(), Settings.PROJECT, PROJECT);
  }

  public Path workDir() {
    return workDir;
  }

  public String emulatorHostPort() {
    return emulator.hostPort();
  }

  public int devServerPort() {
    return URI.create(devServer.baseUrl()).getPort();
  }

  public Firestore firestore() {
    return firestore;
  }

  public String apiKey() {
    return apiKey;
  }

  public String organizationId() {
    return organizationId;
  }

  public String agentId() {
    return agentId;
  }

  @Override
  public void close() throws Exception {
    try {
      firestore.close();
      devServer.close();
    } finally {
      emulator.close();
    }
  }
}
