package com.agenthub.shared.http;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.google.cloud.functions.HttpRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a request body as one JSON object, refusing anything else with the precise error: wrong
 * content type (415), too large (413), invalid UTF-8, malformed or too deeply nested JSON (400), and
 * JSON that parsers read differently or that cannot be stored as sent (400 naming the field): a key
 * twice in one object (RFC 8259 §4 leaves which one wins to the reader) and a lone surrogate escape
 * such as {@code "\\ud800"} (not a Unicode character: UTF-8 storage would turn it into '?').
 */
final class JsonBodyReader {

  private JsonBodyReader() {}

  static JsonObject read(HttpRequest request, int maxBytes) {
    return parse(readRaw(request, maxBytes));
  }

  /** The body's text, unparsed: the checks of {@link #read} short of parsing. */
  static String readRaw(HttpRequest request, int maxBytes) {
    requireJsonContentType(request);
    byte[] bytes = readLimited(request, maxBytes);
    if (bytes.length == 0) {
      throw ApiError.of(ErrorKind.MALFORMED_REQUEST, "the request body is empty; send a JSON object");
    }
    return decodeUtf8(bytes);
  }

  private static JsonObject parse(String text) {
    JsonElement element;
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      reader.setNestingLimit(HttpLimits.MAX_JSON_DEPTH);
      element = readValue(reader, "");
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw ApiError.of(ErrorKind.MALFORMED_REQUEST, "unexpected content after the JSON value");
      }
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw ApiError.of(ErrorKind.MALFORMED_REQUEST, "malformed JSON: " + describe(e));
    }
    if (!element.isJsonObject()) {
      throw ApiError.of(ErrorKind.MALFORMED_REQUEST, "the body must be a JSON object");
    }
    return element.getAsJsonObject();
  }

  /** One value and everything inside it; path is the field it sits in ("" at the top), as ApiError names fields. */
  private static JsonElement readValue(JsonReader reader, String path) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        JsonObject object = new JsonObject();
        Set<String> keys = new HashSet<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String key = reader.nextName();
          String field = path.isEmpty() ? printable(key) : path + "." + printable(key);
          requireWholeCharacters(key, field, "its name");
          if (!keys.add(key)) {
            throw ApiError.withField(ErrorKind.MALFORMED_REQUEST, field,
                "the key \"" + printable(key) + "\" appears more than once in the same object; send it once");
          }
          object.add(key, readValue(reader, field));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY -> {
        JsonArray array = new JsonArray();
        reader.beginArray();
        for (int index = 0; reader.hasNext(); index++) {
          array.add(readValue(reader, path + "[" + index + "]"));
        }
        reader.endArray();
        return array;
      }
      case STRING -> {
        String text = reader.nextString();
        requireWholeCharacters(text, path, "its value");
        return new JsonPrimitive(text);
      }
      // As Gson's own tree reader keeps numbers: digits as sent, converted only when read.
      case NUMBER -> {
        return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(reader.nextBoolean());
      }
      case NULL -> {
        reader.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw new IllegalStateException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /** Refuses a high surrogate not followed by a low one, or a low one not preceded by a high one. */
  private static void requireWholeCharacters(String text, String field, String where) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiError.withField(ErrorKind.MALFORMED_REQUEST, field.isEmpty() ? null : field, String.format(
            "%s contains a lone surrogate escape (\\u%04x), which is not a character; escape a character outside"
                + " the Basic Multilingual Plane as a high and low surrogate pair, or send it as UTF-8", where, (int) c));
      }
    }
  }

  /** A key as it can be shown and named: lone surrogates written as their escapes. */
  private static String printable(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
        out.append(c).append(key.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void requireJsonContentType(HttpRequest request) {
    String type = request.getContentType().orElse("").toLowerCase(Locale.ROOT);
    String mediaType = type.split(";", 2)[0].trim();
    if (!mediaType.equals("application/json")) {
      throw ApiError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, got " + (mediaType.isEmpty() ? "none" : mediaType));
    }
    String parameters = type.replace(" ", "").replace("\"", "");
    if (parameters.contains("charset=") && !parameters.contains("charset=utf-8")) {
      throw ApiError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "only the UTF-8 charset is accepted");
    }
  }

  private static byte[] readLimited(HttpRequest request, int maxBytes) {
    if (request.getContentLength() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    // Not closed here: HttpEndpoint drains what an oversize body leaves on the connection.
    try {
      InputStream in = request.getInputStream();
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw ApiError.of(ErrorKind.MALFORMED_REQUEST, "the request body could not be read");
    }
  }

  private static ApiError tooLarge(int maxBytes) {
    return ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE,
        "the request body exceeds " + maxBytes + " bytes");
  }

  private static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.of(ErrorKind.MALFORMED_REQUEST, "the request body is not valid UTF-8");
    }
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "unreadable" : root.getMessage();
    // Never show a Java class name to a caller.
    message = message.replaceAll("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
    if (message.contains("Nesting limit")) {
      return "nested deeper than " + HttpLimits.MAX_JSON_DEPTH + " levels";
    }
    // Gson appends a troubleshooting URL; keep the useful part only.
    int see = message.indexOf("\nSee ");
    return see > 0 ? message.substring(0, see) : message;
  }
}
