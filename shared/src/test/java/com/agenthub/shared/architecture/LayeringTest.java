package com.agenthub.shared.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ports and adapters, enforced: the domain (use cases, ports, errors) imports no Google or Stripe
 * client, no adapter, no local-only code and no HTTP; an adapter knows nothing of HTTP.
 */
class LayeringTest {

  private static final Path MAIN = Path.of("src/main/java/com/agenthub/shared");
  private static final List<String> DOMAIN = List.of("agents", "organizations", "port", "errors", "paging", "ids", "auth", "idempotency",
      "analytics", "changes", "ingestion", "metrics", "messages", "warehouse", "payments", "conversations", "versions", "json",
      "embeddings", "knowledge", "tables", "cache", "concurrency");

  @Test
  void theDomainImportsNoClientLibraryAdapterOrHttp() throws IOException {
    TreeSet<String> violations = new TreeSet<>();
    for (String layer : DOMAIN) {
      scan(MAIN.resolve(layer), violations, "import com.google.cloud.", "import com.google.api.",
          "import com.agenthub.shared.adapter.", "import com.agenthub.shared.http.", "import com.stripe.",
          "import com.agenthub.shared.local.", "import dev.langchain4j.", "import ai.onnxruntime.");
    }
    assertEquals(new TreeSet<>(), violations);
  }

  @Test
  void adaptersKnowNothingOfHttp() throws IOException {
    TreeSet<String> violations = new TreeSet<>();
    scan(MAIN.resolve("adapter"), violations, "import com.google.cloud.functions.", "import com.agenthub.shared.http.");
    assertEquals(new TreeSet<>(), violations);
  }

  private static void scan(Path dir, TreeSet<String> violations, String... forbidden) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          for (String prefix : forbidden) {
            if (line.startsWith(prefix)) {
              violations.add(MAIN.relativize(file) + ": " + line);
            }
          }
        }
      }
    }
  }
}
