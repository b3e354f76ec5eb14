package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.TopicNames;
import com.agenthub.functions.wiring.Services;
import com.google.cloud.functions.BackgroundFunction;
import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.RawBackgroundFunction;
import com.google.cloud.functions.TypedFunction;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog and the code agree: every entry deploys, and every function class is an entry. */
class CatalogConsistencyTest {

  private final FunctionCatalog catalog = FunctionCatalog.load();

  @Test
  void everyEntryPointExistsAndImplementsTheInterfaceOfItsTrigger() throws Exception {
    for (FunctionCatalog.Entry entry : catalog.functions()) {
      Class<?> type = Class.forName(entry.entryPoint());
      // Every function is an HTTP function; a topic-triggered one takes Pub/Sub's push envelope.
      assertTrue(HttpFunction.class.isAssignableFrom(type), entry.name() + " must implement HttpFunction");
      if (entry.isHttp()) {
        assertFalse(PubSubPushFunction.class.isAssignableFrom(type),
            entry.name() + " is an HTTP endpoint, not a Pub/Sub push function: its trigger must be 'topic:NAME'");
      } else {
        assertTrue(PubSubPushFunction.class.isAssignableFrom(type),
            entry.name() + " is topic-triggered: it must extend " + PubSubPushFunction.class.getName());
      }
      assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()),
          entry.name() + " needs the public no-arg constructor the Functions Framework calls");
      type.getConstructor(Services.class);
      assertEquals(entry.name(), type.getSimpleName(), "a function's name is its class's name");
      assertTrue(entry.isHttp() || entry.topic().isPresent(), entry.name() + ": trigger is 'http' or 'topic:NAME'");
    }
  }

  @Test
  void topicAndSubscriptionNamesAreValidPubSubNames() {
    for (FunctionCatalog.Entry entry : catalog.topicTriggered()) {
      String topic = entry.topic().orElseThrow();
      for (String name : List.of(topic, TopicNames.deadLetterTopic(topic), TopicNames.deadLetterSubscription(topic),
          TopicNames.subscription(entry.name()))) {
        // Pub/Sub's rule for topic and subscription ids; Terraform would only find out at apply time.
        assertTrue(name.matches("[A-Za-z][A-Za-z0-9._~+%-]{2,254}") && !name.startsWith("goog"),
            entry.name() + ": '" + name + "' is not a valid Pub/Sub resource name");
      }
    }
  }

  @Test
  void namesAreUnique() {
    List<String> names = catalog.functions().stream().map(FunctionCatalog.Entry::name).toList();
    assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names in catalog.json: " + names);
  }

  @Test
  void everyFunctionClassIsInTheCatalog() throws Exception {
    Set<String> inCatalog = new TreeSet<>();
    catalog.functions().forEach(e -> inCatalog.add(e.entryPoint()));
    Set<String> missing = new TreeSet<>();
    for (String className : compiledClasses()) {
      Class<?> type = Class.forName(className);
      // The push subscriptions deliver to HTTP functions only: any other kind could not be triggered.
      for (Class<?> other : List.of(CloudEventsFunction.class, BackgroundFunction.class, RawBackgroundFunction.class,
          TypedFunction.class)) {
        assertFalse(other.isAssignableFrom(type), className + " must be an HttpFunction, not a " + other.getSimpleName());
      }
      boolean deployable = HttpFunction.class.isAssignableFrom(type)
          && !Modifier.isAbstract(type.getModifiers()) && Modifier.isPublic(type.getModifiers());
      if (deployable && !inCatalog.contains(className)) {
        missing.add(className);
      }
    }
    if (!missing.isEmpty()) {
      fail("function classes missing from functions/catalog.json: " + missing);
    }
  }

  /** Every class compiled from functions/src/main (not tests), by name. */
  private static Set<String> compiledClasses() throws IOException, URISyntaxException {
    Path root = Path.of(EndpointFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
          .forEach(p -> names.add(root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "")));
    }
    return names;
  }
}
