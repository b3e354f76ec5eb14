package com.agenthub.functions.local;

import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cloud Scheduler's part, locally: publishes a tick to the topic of every scheduled catalog
 * function. Locally every schedule ticks each {@link #LOCAL_TICK}, whatever its cron says, so a
 * developer sees its effect without waiting for the next minute.
 */
final class LocalScheduler implements AutoCloseable {

  static final Duration LOCAL_TICK = Duration.ofSeconds(5);

  private final ScheduledExecutorService ticker;
  private final PubSubEventPublisher publisher;

  private LocalScheduler(ScheduledExecutorService ticker, PubSubEventPublisher publisher) {
    this.ticker = ticker;
    this.publisher = publisher;
  }

  static LocalScheduler start(FunctionCatalog catalog, PubSubConnection connection) {
    PubSubEventPublisher publisher = new PubSubEventPublisher(connection);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "local-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    for (FunctionCatalog.Entry entry : catalog.scheduled()) {
      String topic = entry.topic().orElseThrow();
      ticker.scheduleWithFixedDelay(() -> tick(publisher, entry.name(), topic),
          LOCAL_TICK.toMillis(), LOCAL_TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
    return new LocalScheduler(ticker, publisher);
  }

  private static void tick(EventPublisher publisher, String function, String topic) {
    try {
      publisher.publish(topic, EventPublisher.Message.of("{}".getBytes(StandardCharsets.UTF_8), Map.of("scheduled", function)));
    } catch (RuntimeException e) {
      StructuredLog.warning("local scheduler could not tick " + topic + ": " + e.getMessage(), Map.of("function", function));
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    publisher.close();
  }
}
