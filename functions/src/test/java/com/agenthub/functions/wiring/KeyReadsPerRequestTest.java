package com.agenthub.functions.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.agents.GetAgent;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.auth.ApiKeyPaths;
import com.agenthub.shared.http.FakeHttp;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** As production wires it, an instance reads a key once, not on every request: one Firestore read less per request. */
class KeyReadsPerRequestTest {

  private final InMemoryDocumentStore database = new InMemoryDocumentStore();
  private final AtomicInteger keyReads = new AtomicInteger();

  /** The database, counting the reads of API keys' lookup documents. */
  private final DocumentStore counted = (DocumentStore) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {DocumentStore.class}, (proxy, method, args) -> {
        if (method.getName().equals("get") && args[0] instanceof DocumentPath path && ApiKeyPaths.isHash(path)) {
          keyReads.incrementAndGet();
        }
        try {
          return method.invoke(database, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });

  @Test
  void aKeyIsReadOnceByAnInstanceThenServedFromItsCache() {
    String key = Services.over(new Services.Backends(database, new InMemoryEventPublisher(), new InMemoryWarehouse(),
        Optional.empty(), Clock.systemUTC(), Duration.ofSeconds(60))).organizations().create("Acme").firstKey().secret();
    Services instance = Services.connectedOnUse(counted, InMemoryEventPublisher::new, InMemoryWarehouse::new,
        () -> { throw new AssertionError("no embedder"); });
    GetAgent function = new GetAgent(instance);

    for (int i = 0; i < 5; i++) {
      FakeHttp.Response response = new FakeHttp.Response();
      function.service(new FakeHttp.Request("GET", Map.of("Authorization", List.of("Bearer " + key)), new byte[0]), response);
      assertEquals(400, response.status(), "authenticated; refused only for the missing agent_id");
    }
    assertEquals(1, keyReads.get());
  }
}
