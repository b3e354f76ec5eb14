package com.agenthub.functions.wiring;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.http.FakeHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run by {@link LeanPackageTest} inside a class loader that lacks the embedding libraries, as the
 * lean deploy jar does: builds each HTTP function as production does (with the real MiniLM
 * embedder behind its lazy supplier) and serves it a request, reporting every class that could not
 * be loaded. Public, with only JDK types in its signature, so it can be called across loaders.
 */
public final class LeanProbe {

  private LeanProbe() {}

  /** "Function: error" for each function whose construction or request needed a missing class. */
  public static List<String> serveEveryHttpFunction(Map<String, String> bodies) throws Exception {
    InMemoryDocumentStore database = new InMemoryDocumentStore();
    String key = Services.over(new Services.Backends(database, new InMemoryEventPublisher(), new InMemoryWarehouse(),
        Optional.empty(), Clock.systemUTC(), Duration.ofSeconds(60))).organizations().create("Lean").firstKey().secret();
    List<String> missing = new ArrayList<>();
    for (FunctionCatalog.Entry entry : FunctionCatalog.load().http()) {
      try {
        Services services = Services.connectedOnUse(database, InMemoryEventPublisher::new, InMemoryWarehouse::new,
            () -> new MiniLmEmbedder());
        EndpointFunction function = (EndpointFunction) Class.forName(entry.entryPoint())
            .getConstructor(Services.class).newInstance(services);
        String method = function.endpoint().method();
        byte[] body = method.equals("GET") || method.equals("DELETE") ? new byte[0]
            : bodies.getOrDefault(entry.name(), "{}").getBytes(StandardCharsets.UTF_8);
        function.service(new FakeHttp.Request(method, Map.of("Authorization", List.of("Bearer " + key),
            "Content-Type", List.of("application/json")), body), new FakeHttp.Response());
      } catch (LinkageError e) {
        missing.add(entry.name() + ": " + e);
      } catch (java.lang.reflect.InvocationTargetException e) {
        if (e.getCause() instanceof LinkageError linkage) {
          missing.add(entry.name() + ": " + linkage);
        } else {
          throw e;
        }
      }
    }
    return missing;
  }
}
