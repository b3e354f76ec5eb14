package com.agenthub.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.errors.ApiError;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static Object plain(String json) {
    return Json.toPlainMap(JsonParser.parseString(json).getAsJsonObject(), "").get("n");
  }

  @Test
  void integersStayExactAndFractionsBecomeDoubles() {
    assertEquals(9007199254740993L, plain("{\"n\": 9007199254740993}"));
    assertEquals(Long.MIN_VALUE, plain("{\"n\": -9223372036854775808}"));
    assertEquals(0.1, plain("{\"n\": 0.1}"));
    assertEquals(1000L, plain("{\"n\": 1e3}"));
  }

  @Test
  void numbersThatCannotBeKeptFaithfullyAreRefusedWithTheirPath() {
    ApiError tooBig = assertThrows(ApiError.class, () -> plain("{\"n\": 9223372036854775808}"));
    assertEquals(Optional.of("n"), tooBig.field());
    assertThrows(ApiError.class, () -> plain("{\"n\": 1e400}"));
    ApiError nested = assertThrows(ApiError.class,
        () -> Json.toPlainMap(JsonParser.parseString("{\"a\": {\"b\": [0, 1e999]}}").getAsJsonObject(), ""));
    assertEquals(Optional.of("a.b[1]"), nested.field());
  }

  @Test
  void plainValuesRenderBack() {
    assertEquals("{\"a\":[1,\"x\",null,true]}", Json.GSON.toJson(Json.toJson(Map.of("a", java.util.Arrays.asList(1L, "x", null, true)))));
  }
}
