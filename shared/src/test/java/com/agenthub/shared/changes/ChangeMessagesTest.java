package com.agenthub.shared.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.ingestion.DecodedMessage;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.warehouse.AgentChangeRow;
import com.agenthub.shared.warehouse.JsonText;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChangeMessagesTest {

  private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

  private static Change agent(String changeId, String name) {
    return Change.of(new AgentChangeRow(changeId, Change.CREATED, AT, "org1", "a-" + changeId, name, Optional.empty(),
        new JsonText("{}"), "active", AT, AT));
  }

  private static Change other(String changeId, String table) {
    JsonObject row = new JsonObject();
    row.addProperty("change_id", changeId);
    return new Change(changeId, table, row);
  }

  private static List<Change> decodeAll(List<EventPublisher.Message> messages) throws UndecodableMessageException {
    List<Change> changes = new ArrayList<>();
    for (EventPublisher.Message message : messages) {
      changes.addAll(ChangeMessages.decodeAll(message.data()));
    }
    return changes;
  }

  @Test
  void theChangesOfOneTableShareAMessageAndEachTableHasItsOwn() throws Exception {
    List<Change> changes = List.of(agent("c1", "A"), other("k1", "api_keys"), agent("c2", "B"), agent("c3", "C"));

    List<EventPublisher.Message> messages = ChangeMessages.encodeAll(changes);

    assertEquals(2, messages.size());
    assertEquals(List.of("c1", "c2", "c3"), ChangeMessages.decodeAll(messages.get(0).data()).stream().map(Change::changeId).toList());
    assertEquals("agents", messages.get(0).attributes().get("table"));
    assertEquals("3", messages.get(0).attributes().get("change_count"));
    assertEquals("c1", messages.get(0).attributes().get("change_id"));
    assertEquals(changes.get(0).row(), ChangeMessages.decodeAll(messages.get(0).data()).get(0).row(), "the row travels as it is");
    Change alone = ChangeMessages.decode(messages.get(1).data());
    assertEquals("k1", alone.changeId(), "a change alone keeps the one-change shape");
    assertEquals("api_keys", messages.get(1).attributes().get("table"));
  }

  @Test
  void aRowAlreadyWrittenAsJsonTextIsSentAsItIsNotSerializedAgain() throws Exception {
    Change first = agent("c1", "A");
    Change second = agent("c2", "B");
    String written = first.row().toString().replace("\"name\":\"A\"", "\"name\":\"as written\"");

    List<EventPublisher.Message> messages = ChangeMessages.encodeAll(List.of(first, second), java.util.Arrays.asList(written, null));

    List<Change> sent = ChangeMessages.decodeAll(messages.get(0).data());
    assertEquals("as written", sent.get(0).row().get("name").getAsString(), "the text given is the row sent");
    assertEquals(second, sent.get(1), "a change without text is serialized from its row");
  }

  @Test
  void aMessageHoldsAtMost500ChangesAndAMillionCharacters() throws Exception {
    List<Change> many = IntStream.range(0, 1_201).mapToObj(i -> agent("c" + i, "n")).toList();
    List<EventPublisher.Message> byCount = ChangeMessages.encodeAll(many);
    assertEquals(List.of("500", "500", "201"), byCount.stream().map(m -> m.attributes().get("change_count")).toList());
    assertEquals(many, decodeAll(byCount), "every change once, in order");

    List<Change> large = IntStream.range(0, 5).mapToObj(i -> agent("L" + i, "x".repeat(300_000))).toList();
    List<EventPublisher.Message> bySize = ChangeMessages.encodeAll(large);
    assertEquals(List.of(3, 2), bySize.stream().map(m -> {
      try {
        return ChangeMessages.decodeAll(m.data()).size();
      } catch (UndecodableMessageException e) {
        throw new AssertionError(e);
      }
    }).toList());
    assertTrue(bySize.stream().allMatch(m -> m.data().length <= ChangeMessages.MAX_MESSAGE_CHARS));
  }

  @Test
  void aMessageOfSeveralChangesBecomesOneRowEachAndABadElementIsKeptAsideAlone() throws Exception {
    String good = new String(ChangeMessages.encodeAll(List.of(agent("c1", "A"), agent("c2", "B"))).get(0).data(), StandardCharsets.UTF_8);
    JsonObject body = JsonParser.parseString(good).getAsJsonObject();
    body.getAsJsonArray("changes").add(JsonParser.parseString("{\"change_id\": \"c3\", \"table\": \"agents\", \"row\": {\"name\": 1}}"));
    body.getAsJsonArray("changes").add(JsonParser.parseString("\"not a change\""));

    DecodedMessage decoded = ChangeMessages.decodeRow(body.toString().getBytes(StandardCharsets.UTF_8));

    assertEquals("agents", decoded.table());
    assertEquals(List.of("c1", "c2"), decoded.rows().stream().map(Warehouse.Row::insertId).toList(), "insert ids are the change ids");
    assertEquals("B", decoded.rows().get(1).values().get("name"));
    assertEquals(List.of(2, 3), decoded.unreadable().stream().map(DecodedMessage.UnreadablePart::index).toList());
    assertTrue(decoded.unreadable().get(0).reason().startsWith("not a valid agents row"), decoded.unreadable().get(0).reason());
  }

  @Test
  void aOneChangeMessageOfAnEarlierVersionStillBecomesItsRow() throws Exception {
    // The one-change shape, as every message was before changes were batched.
    JsonObject message = new JsonObject();
    message.addProperty("change_id", "c9");
    message.addProperty("table", "agents");
    message.add("row", agent("c9", "Old").row());

    DecodedMessage decoded = ChangeMessages.decodeRow(message.toString().getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of("c9"), decoded.rows().stream().map(Warehouse.Row::insertId).toList());
    assertEquals(List.of(), decoded.unreadable());
    assertEquals("Old", decoded.rows().get(0).values().get("name"));
  }

  @Test
  void whatIsNeitherShapeOrNamesNoChangeTableIsUndecodable() {
    for (String body : List.of("[]", "{\"changes\": []}", "{\"table\": \"agents\", \"changes\": {}}",
        "{\"table\": \"no_such_table\", \"changes\": []}", "{\"change_id\": \"c1\", \"table\": \"agents\"}",
        "{\"change_id\": \"c1\", \"table\": \"no_such_table\", \"row\": {\"change_id\": \"c1\"}}", "not json")) {
      assertThrows(UndecodableMessageException.class, () -> ChangeMessages.decodeRow(body.getBytes(StandardCharsets.UTF_8)), body);
    }
  }
}
