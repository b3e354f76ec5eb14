package com.agenthub.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict JSON: what two parsers could read differently, or what storage would alter, is refused naming the field. */
class JsonBodyReaderTest {

  private static JsonObject read(String json) {
    return JsonBodyReader.read(new FakeHttp.Request("POST", Map.of("Content-Type", List.of("application/json")),
        json.getBytes(StandardCharsets.UTF_8)), HttpLimits.MAX_BODY_BYTES);
  }

  private static ApiError refused(String json) {
    return assertThrows(ApiError.class, () -> read(json), json);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"a\", \"name\": \"b\"}                                   | name",
      "{\"name\": \"a\", \"configuration\": {\"model\": 1, \"model\": 2}}   | configuration.model",
      "{\"events\": [{\"type\": \"x\"}, {\"type\": \"x\", \"type\": \"y\"}]} | events[1].type",
      "{\"a\": [[{\"b\": {\"c\": 1, \"c\": 1}}]]}                           | a[0][0].b.c",
  })
  void aKeyTwiceInOneObjectIsA400NamingTheField(String json, String field) {
    ApiError error = refused(json);
    assertEquals(ErrorKind.MALFORMED_REQUEST, error.kind());
    assertEquals(Optional.of(field), error.field());
    assertTrue(error.getMessage().contains("appears more than once"), error.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"\\ud800\"}                                 | name",
      "{\"name\": \"ok \\udc00 then\"}                         | name",
      "{\"name\": \"pair reversed \\udc00\\ud800\"}            | name",
      "{\"name\": \"high at the end \\ud83d\"}                 | name",
      "{\"configuration\": {\"prompt\": \"x\\ud800y\"}}       | configuration.prompt",
      "{\"tags\": [\"fine\", \"\\udfff\"]}                      | tags[1]",
      "{\"messages\": [{\"content\": \"ok\"}, {\"content\": \"\\ud800\"}]} | messages[1].content",
      "{\"meta\": {\"\\ud800\": 1}}                              | meta.\\ud800",
  })
  void aLoneSurrogateEscapeIsA400NamingTheField(String json, String field) {
    ApiError error = refused(json);
    assertEquals(ErrorKind.MALFORMED_REQUEST, error.kind());
    assertEquals(Optional.of(field), error.field());
    assertTrue(error.getMessage().contains("lone surrogate"), error.getMessage());
  }

  @Test
  void surrogatePairsEscapedOrRawAreAccepted() {
    JsonObject body = read("{\"name\": \"smile \\ud83d\\ude00\", \"raw\": \"smile \uD83D\uDE00\", \"\\ud83d\\ude00\": 1}");
    assertEquals("smile \uD83D\uDE00", body.get("name").getAsString());
    assertEquals("smile \uD83D\uDE00", body.get("raw").getAsString());
    assertEquals(1, body.get("\uD83D\uDE00").getAsInt());
  }

  @Test
  void theSameKeyInDifferentObjectsIsNotADuplicate() {
    JsonObject body = read("{\"name\": \"a\", \"child\": {\"name\": \"b\"}, \"list\": [{\"name\": 1}, {\"name\": 2}]}");
    assertEquals("b", body.getAsJsonObject("child").get("name").getAsString());
    assertEquals(2, body.getAsJsonArray("list").size());
  }

  @Test
  void valuesReadAsGsonsOwnParserWouldReadThem() {
    String json = "{\"s\": \"x\\n\\u00e9\", \"i\": 12345678901234567890, \"d\": 1.50, \"t\": true, \"f\": false,"
        + " \"n\": null, \"a\": [1, \"two\", {\"three\": 3}], \"o\": {}}";
    assertEquals(JsonParser.parseString(json), read(json));
    assertEquals("1.50", read(json).get("d").getAsString(), "numbers keep their digits");
  }

  @Test
  void malformedAndTooDeepJsonIsStillRefusedWithoutAField() {
    for (String json : List.of("{\"name\": \"x\"", "{\"name\": NaN}", "{\"a\": 1} trailing", "{'a': 1}",
        "{\"a\":" + "[".repeat(HttpLimits.MAX_JSON_DEPTH + 5) + "]".repeat(HttpLimits.MAX_JSON_DEPTH + 5) + "}")) {
      ApiError error = refused(json);
      assertEquals(ErrorKind.MALFORMED_REQUEST, error.kind());
      assertEquals(Optional.empty(), error.field(), json);
    }
  }
}
