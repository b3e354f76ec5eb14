package com.agenthub.functions.bench;

import com.agenthub.shared.auth.ApiKeySecret;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * (b) Warm path: GetAgent and CreateAgent through the in-process dev server (the Functions
 * Framework executor), next to the raw Firestore client doing the same get / set against the same
 * emulator (the floor), at several concurrency levels, in one run. Two more rows per level help
 * read the gap: the floor made of the RPCs the function made before keys were cached (read the
 * key's hash document, then the agent, or create: what a request with a key not yet verified on
 * this instance still pays), and GetAgent refused with 401 before any RPC (HTTP, framework and
 * endpoint cost alone). With the key cached, GetAgent itself makes one read.
 */
public final class WarmPathBenchmark {

  private static final double GOAL_FACTOR = 1.3;
  private static final double GOAL_PLUS_MS = 2.0;
  private static final long CALL_TIMEOUT_S = 30;
  private static final int SLICES = 4;

  private final BenchEnvironment env;
  private final PrintStream out;
  private final int[] levels;
  private final int maxRequests;
  private final Duration maxTime;

  public WarmPathBenchmark(BenchEnvironment env, PrintStream out, int[] levels, int maxRequests, Duration maxTime) {
    this.env = env;
    this.out = out;
    this.levels = levels;
    this.maxRequests = maxRequests;
    this.maxTime = maxTime;
  }

  private record Op(String label, LoadRunner.ClientFactory factory) {}

  public void run() throws Exception {
    int port = env.devServerPort();
    String host = "127.0.0.1:" + port;
    byte[] getRequest = RawHttp.get(host, "/GetAgent?agent_id=" + env.agentId(), env.apiKey());
    byte[] createRequest = RawHttp.postJson(host, "/CreateAgent", env.apiKey(), BenchEnvironment.agentJson("bench-load"));
    Firestore db = env.firestore();
    DocumentReference agentDoc = db.document("organizations/" + env.organizationId() + "/agents/" + env.agentId());
    DocumentReference keyDoc = db.document("api_key_hashes/" + ApiKeySecret.sha256Hex(env.apiKey()));
    String floorCollection = "organizations/" + env.organizationId() + "/bench_floor";

    byte[] noKeyRequest = ("GET /GetAgent?agent_id=" + env.agentId() + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Op getAgent = new Op("GetAgent  (HTTP, dev server)", http(port, getRequest, 200));
    Op noRpc = new Op("  no RPC: GetAgent 401, no key", http(port, noKeyRequest, 401));
    Op floorGet = new Op("  floor: get()", () -> () -> await(agentDoc.get()).exists());
    Op floorGet2 = new Op("  same RPCs: get(key)+get(agent)",
        () -> () -> await(keyDoc.get()).exists() && await(agentDoc.get()).exists());
    Op createAgent = new Op("CreateAgent (HTTP, dev server)", http(port, createRequest, 201));
    Op floorSet = new Op("  floor: set()", () -> () -> {
      await(db.collection(floorCollection).document(UUID.randomUUID().toString()).set(agentData()));
      return true;
    });
    Op floorGetCreate = new Op("  same RPCs: get(key)+create()", () -> () -> {
      boolean key = await(keyDoc.get()).exists();
      await(db.collection(floorCollection).document(UUID.randomUUID().toString()).create(agentData()));
      return key;
    });
    List<List<Op>> groups = List.of(List.of(getAgent, floorGet, floorGet2, noRpc), List.of(createAgent, floorSet, floorGetCreate));

    out.printf("%n== (b) Warm path: in-process dev server vs raw Firestore client, emulator %s (closed loop; "
        + "per row <= %d requests or %d s, run as %d slices alternating with the other rows of its group) ==%n",
        env.emulatorHostPort(), maxRequests, maxTime.toSeconds(), SLICES);
    for (List<Op> group : groups) {
      for (Op op : group) {
        LoadRunner.run(16, 3000, Duration.ofSeconds(6), op.factory()); // JIT warm-up, here and in the emulator
      }
    }
    out.printf("load average before: %s%n", Benchmarks.loadAverage());
    out.printf("%-34s %5s %6s %5s %8s %8s %8s %8s%n", "operation", "conc", "n", "err", "p50 ms", "p99 ms", "max ms", "req/s");
    for (int level : levels) {
      for (List<Op> group : groups) {
        List<List<LoadRunner.Sample>> samples = new ArrayList<>();
        group.forEach(op -> samples.add(new ArrayList<>()));
        // Slices alternate the rows, so a burst of background load hits them all alike.
        for (int slice = 0; slice < SLICES; slice++) {
          for (int i = 0; i < group.size(); i++) {
            samples.get(i).add(LoadRunner.run(level, maxRequests / SLICES, maxTime.dividedBy(SLICES), group.get(i).factory()));
          }
        }
        List<Stats> stats = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
          Stats row = LoadRunner.Sample.merge(samples.get(i));
          stats.add(row);
          out.printf("%-34s %5d %6d %5d %8.2f %8.2f %8.1f %8.0f%n", group.get(i).label(), level, row.count(),
              row.errors(), row.p50Ms(), row.p99Ms(), row.maxMs(), row.perSecond());
        }
        Stats function = stats.get(0);
        Stats floor = stats.get(1);
        Stats same = stats.get(2);
        double budget = GOAL_FACTOR * floor.p50Ms() + GOAL_PLUS_MS;
        out.printf("  -> p50 %.2fx floor (%.2fx same-RPCs floor); goal p50 <= 1.3 x floor + 2 ms = %.2f ms: %s%n",
            function.p50Ms() / floor.p50Ms(), function.p50Ms() / same.p50Ms(), budget,
            function.p50Ms() <= budget ? "MET" : "MISSED");
      }
    }
    out.printf("load average after: %s%n", Benchmarks.loadAverage());
  }

  private static LoadRunner.ClientFactory http(int port, byte[] request, int expected) {
    return () -> KeepAliveConnection.client(port, () -> request, expected);
  }


  /** What CreateAgent stores, in Firestore's own types. */
  private Map<String, Object> agentData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", "bench");
    data.put("organization_id", env.organizationId());
    data.put("name", "bench-load");
    data.put("industry", "retail");
    data.put("configuration", Map.of("model", "gpt-4o", "temperature", 0.2, "tools", List.of("search", "calendar")));
    data.put("status", "active");
    Timestamp now = Timestamp.now();
    data.put("created_at", now);
    data.put("updated_at", now);
    return data;
  }

  private static <T> T await(com.google.api.core.ApiFuture<T> future) throws Exception {
    return future.get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
  }
}
