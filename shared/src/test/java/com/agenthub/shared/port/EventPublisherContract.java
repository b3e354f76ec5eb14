package com.agenthub.shared.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.port.EventPublisher.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every EventPublisher must do; runs against the fake and against the Pub/Sub emulator. */
public abstract class EventPublisherContract {

  protected abstract EventPublisher publisher();

  /** Makes a topic that a test can read back from. */
  protected abstract void createTopic(String topic);

  /** Every message published to the topic since it was created, in publish order per ordering key. */
  protected abstract List<Message> received(String topic, int expected);

  private String topic;

  @BeforeEach
  void freshTopic() {
    topic = "contract-" + UUID.randomUUID();
    createTopic(topic);
  }

  @Test
  void aPublishedMessageArrivesWithItsDataAndAttributes() {
    byte[] data = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    String id = publisher().publish(topic, Message.of(data, Map.of("event_id", "e1", "type", "agent.created")));
    assertFalse(id.isBlank());

    Message got = received(topic, 1).get(0);
    assertArrayEquals(data, got.data());
    assertEquals("e1", got.attributes().get("event_id"));
    assertEquals("agent.created", got.attributes().get("type"));
  }

  @Test
  void messagesWithOneOrderingKeyArriveInOrderWithDistinctIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(publisher().publish(topic, new Message(
          ("m" + i).getBytes(StandardCharsets.UTF_8), Map.of(), Optional.of("agent-1"))));
    }
    assertEquals(5, ids.stream().distinct().count());
    List<String> got = received(topic, 5).stream().map(m -> new String(m.data(), StandardCharsets.UTF_8)).toList();
    assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), got);
  }

  @Test
  void publishAllAcknowledgesEveryMessageWithDistinctIdsInOrder() {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      messages.add(Message.of(("batch-" + i).getBytes(StandardCharsets.UTF_8), Map.of("i", Integer.toString(i))));
    }
    List<String> ids = publisher().publishAll(topic, messages);
    assertEquals(4, ids.size());
    assertEquals(4, new java.util.HashSet<>(ids).size());
    assertEquals(List.of("batch-0", "batch-1", "batch-2", "batch-3"), received(topic, 4).stream()
        .map(m -> new String(m.data(), StandardCharsets.UTF_8)).sorted().toList());
  }

  @Test
  void anOversizeMessageIsRefusedBeforeSendingAndIsNotRetryable() {
    byte[] tooBig = new byte[EventPublisher.MAX_MESSAGE_BYTES + 1];
    PublishException e = assertThrows(PublishException.class,
        () -> publisher().publish(topic, Message.of(tooBig, Map.of())));
    assertFalse(e.retryable());
    assertNotEquals(null, e.getMessage());
  }
}
