package com.agenthub.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.agenthub.migrate.compare.Canonical;
import com.agenthub.migrate.compare.FieldDiff;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

  @Test
  void membersAreSortedNullsDroppedNumbersNormalizedAndUnicodeKept() {
    String canonical = Canonical.json(JsonParser.parseString(
        "{\"b\": 10.0, \"a\": {\"z\": null, \"y\": 0.50, \"x\": 1e2}, \"c\": \"Zürich 🤖 \\\"q\\\"\\n\", \"d\": [3, 1], \"e\": 9223372036854775807}"));
    assertEquals("{\"a\":{\"x\":100,\"y\":0.5},\"b\":10,\"c\":\"Zürich 🤖 \\\"q\\\"\\n\",\"d\":[3,1],\"e\":9223372036854775807}", canonical);
  }

  @Test
  void theChecksumIsOverTheCanonicalFormOnly() {
    assertEquals(Canonical.checksum(JsonParser.parseString("{\"a\": 1, \"b\": null}")),
        Canonical.checksum(JsonParser.parseString("{ \"a\" : 1.00 }")));
    assertNotEquals(Canonical.checksum(JsonParser.parseString("{\"a\": 9007199254740993}")),
        Canonical.checksum(JsonParser.parseString("{\"a\": 9007199254740992}")), "no detour through doubles");
    // Pinned: the checksum is the SHA-256 of the canonical bytes (README documents it), here of "{}".
    assertEquals("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", Canonical.checksum(JsonParser.parseString("{}")));
  }

  @Test
  void fieldDiffsNameTheDottedPathOfEachDifference() {
    var diffs = FieldDiff.between(JsonParser.parseString("{\"name\": \"A\", \"configuration\": {\"x\": 1, \"y\": [1]}}").getAsJsonObject(),
        JsonParser.parseString("{\"name\": \"A\", \"configuration\": {\"x\": 2, \"y\": [1], \"z\": true}}").getAsJsonObject());
    assertEquals(2, diffs.size());
    assertEquals(new FieldDiff("configuration.x", "1", "2"), diffs.get(0));
    assertEquals(new FieldDiff("configuration.z", "null", "true"), diffs.get(1));
  }
}
