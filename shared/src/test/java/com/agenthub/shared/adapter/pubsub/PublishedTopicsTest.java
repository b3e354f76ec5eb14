package com.agenthub.shared.adapter.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PublishedTopicsTest {

  @Test
  void aListenerHearsEveryPublishedTopicUntilItsHandleIsClosed() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    AutoCloseable handle = PublishedTopics.listen(heard::add);
    PublishedTopics.published("a");
    PublishedTopics.published("b");
    handle.close();
    PublishedTopics.published("c");
    assertEquals(List.of("a", "b"), heard);
  }
}
