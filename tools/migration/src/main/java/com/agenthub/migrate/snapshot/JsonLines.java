package com.agenthub.migrate.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a snapshot file read strictly (UTF-8, one JSON object, no comments or trailing
 * garbage), or the reason it is not one in words an operator can act on: where on the line, and
 * the likely cause of the usual dump mistakes — not Gson's advice to Java programmers.
 */
final class JsonLines {

  /** Gson's "… at line 1 column 27 path $.name" (the line is parsed alone, so its line is always 1). */
  private static final Pattern WHERE = Pattern.compile("^(.*?) at line \\d+ column (\\d+) path (\\S*)");
  private static final String LENIENT_ADVICE = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept ";

  private JsonLines() {}

  /** A line's object, or why it is not one. */
  record Parsed(JsonObject object, String problem) {}

  static Parsed parse(String line) {
    try {
      JsonReader reader = new JsonReader(new StringReader(line));
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        return new Parsed(null, "more than one JSON value on the line");
      }
      return element.isJsonObject() ? new Parsed(element.getAsJsonObject(), null)
          : new Parsed(null, "not a JSON object but " + RecordRules.kind(element));
    } catch (JsonParseException | IllegalStateException | IOException e) {
      return new Parsed(null, describe(line, e));
    }
  }

  /** A decoder that reports bytes that are not UTF-8 instead of replacing them; one per file, reused line after line. */
  static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The line's text, or null when its bytes are not UTF-8 (a dump cut in the middle of a character, or another encoding). */
  static String utf8(CharsetDecoder decoder, byte[] bytes, int from, int to) {
    try { // decode(ByteBuffer) resets the decoder first
      return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String describe(String line, Exception e) {
    Throwable innermost = e;
    while (innermost.getCause() != null) {
      innermost = innermost.getCause();
    }
    String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName()
        : innermost.getMessage().lines().findFirst().orElse(""); // drops Gson's "See https://…Troubleshooting.md"
    Matcher where = WHERE.matcher(message.replace(LENIENT_ADVICE, ""));
    if (!where.find()) {
      return "not valid JSON: " + message;
    }
    String what = where.group(1).equals("malformed JSON") ? "unexpected character" : lowerFirst(where.group(1));
    int column = Integer.parseInt(where.group(2));
    return "not valid JSON: " + what + " near column " + column + " (" + where.group(3) + ")" + hint(line, column, what);
  }

  /** The usual causes: Python's repr instead of json.dumps, NaN, a line cut short. */
  private static String hint(String line, int column, String what) {
    String near = line.substring(Math.max(0, column - 3), Math.min(line.length(), column + 2));
    if (near.contains("'")) {
      return "; single quotes: written with str() or repr() instead of json.dumps?";
    }
    if (near.contains("NaN") || near.contains("Infinity")) {
      return "; NaN and Infinity are not JSON (json.dumps with allow_nan=False refuses them)";
    }
    if (what.startsWith("end of input") || what.startsWith("unterminated")) {
      return "; the line ends inside the record: was the dump cut short?";
    }
    return "";
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
