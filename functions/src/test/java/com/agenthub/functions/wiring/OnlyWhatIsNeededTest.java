package com.agenthub.functions.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.http.FakeHttp;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An instance builds only the clients its function calls: serving a read-only function (no
 * {@code publish:} need in the catalog) never creates a Pub/Sub publisher, and a function without
 * the {@code embeddings} need never creates the embedding model. Each function gets an instance of
 * its own, wired as production wires it, with every client construction counted.
 */
class OnlyWhatIsNeededTest {

  /** One instance of production's wiring over a shared database, counting what it builds. */
  private static final class CountedInstance {
    final AtomicInteger publishers = new AtomicInteger();
    final AtomicInteger warehouses = new AtomicInteger();
    final AtomicInteger embedders = new AtomicInteger();
    final Services services;

    CountedInstance(InMemoryDocumentStore database) {
      services = Services.connectedOnUse(database,
          counted(publishers, InMemoryEventPublisher::new),
          counted(warehouses, InMemoryWarehouse::new),
          counted(embedders, FixedEmbedder::new));
    }

    private static <T> Supplier<T> counted(AtomicInteger count, Supplier<T> build) {
      return () -> {
        count.incrementAndGet();
        return build.get();
      };
    }
  }

  /** A stand-in model: the test counts its construction, not its vectors. */
  private static final class FixedEmbedder implements Embedder {
    @Override
    public Model model() {
      return new Model("fixed-test-model", 3);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(t -> new float[] {1, 0, 0}).toList();
    }
  }

  private final InMemoryDocumentStore database = new InMemoryDocumentStore();
  private final String key = seedOrganization();

  /** The organization and its key are made by another instance: this one's counts start at zero. */
  private String seedOrganization() {
    Services seeding = Services.over(new Services.Backends(database, new InMemoryEventPublisher(), new InMemoryWarehouse(),
        Optional.empty(), Clock.systemUTC(), Duration.ofSeconds(60)));
    return seeding.organizations().create("Acme").firstKey().secret();
  }

  @Test
  void aReadOnlyFunctionsInstanceCreatesNoPublisherAndNoEmbedder() throws Exception {
    List<String> served = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (FunctionCatalog.Entry entry : FunctionCatalog.load().http()) {
      boolean publishes = entry.needs().stream().anyMatch(need -> need.startsWith("publish:"));
      boolean embeds = entry.needs().contains("embeddings");
      if (publishes) {
        continue;
      }
      CountedInstance instance = new CountedInstance(database);
      EndpointFunction function = function(entry, instance.services);
      for (int i = 0; i < 3; i++) {
        FakeHttp.Response response = call(function, "{}");
        if (response.status() == 200) {
          served.add(entry.name());
        }
      }
      if (instance.publishers.get() != 0) {
        problems.add(entry.name() + " built " + instance.publishers.get() + " publisher(s)");
      }
      if (!embeds && instance.embedders.get() != 0) {
        problems.add(entry.name() + " built the embedder without the catalog's 'embeddings' need");
      }
    }
    assertEquals(List.of(), problems);
    // The requests got past authentication into real reads, not only to a 400 or 401.
    assertTrue(served.containsAll(List.of("ListAgents", "ListFaqs", "GetOrganization", "ListTables", "GetBalance",
        "ListApiKeys", "ListUsers", "ListPaymentIntents")), "answered 200: " + served);
  }

  @Test
  void theCountsSeeWhatAFunctionDoesBuildOncePerInstance() throws Exception {
    CountedInstance writer = new CountedInstance(database);
    EndpointFunction createAgent = function(entry("CreateAgent"), writer.services);
    assertEquals(201, call(createAgent, "{\"name\": \"one\"}").status());
    assertEquals(201, call(createAgent, "{\"name\": \"two\"}").status());
    assertEquals(1, writer.publishers.get(), "a writing function's instance builds its publisher once, on its first commit");
    assertEquals(0, writer.embedders.get());

    CountedInstance embedding = new CountedInstance(database);
    EndpointFunction embedTexts = function(entry("EmbedTexts"), embedding.services);
    assertEquals(200, call(embedTexts, "{\"texts\": [\"hello\"]}").status());
    assertEquals(200, call(embedTexts, "{\"texts\": [\"world\"]}").status());
    assertEquals(1, embedding.embedders.get());
    assertEquals(0, embedding.publishers.get());
  }

  private static FunctionCatalog.Entry entry(String name) {
    return FunctionCatalog.load().http().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static EndpointFunction function(FunctionCatalog.Entry entry, Services services) throws Exception {
    return (EndpointFunction) Class.forName(entry.entryPoint()).getConstructor(Services.class).newInstance(services);
  }

  /** The function's own method, with the key; a JSON body for the methods that take one. */
  private FakeHttp.Response call(EndpointFunction function, String json) {
    String method = function.endpoint().method();
    boolean body = !method.equals("GET") && !method.equals("DELETE");
    FakeHttp.Request request = new FakeHttp.Request(method, Map.of("Authorization", List.of("Bearer " + key),
        "Content-Type", List.of("application/json")), body ? json.getBytes(StandardCharsets.UTF_8) : new byte[0]);
    FakeHttp.Response response = new FakeHttp.Response();
    function.service(request, response);
    return response;
  }
}
