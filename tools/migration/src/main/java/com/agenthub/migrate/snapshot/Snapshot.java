package com.agenthub.migrate.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A snapshot directory as read from disk: {@code manifest.json} (format and version) and one NDJSON
 * file per dictionary, each line one record with its legacy {@code id}. Lines that are not a JSON
 * object with a string id become rejections here; field rules are {@link RecordRules}'.
 */
public final class Snapshot {

  public static final String FORMAT = "agenthub-legacy-snapshot";
  public static final int VERSION = 1;
  public static final String MANIFEST = "manifest.json";

  private final Path directory;
  private final Map<Dictionary, List<LegacyRecord>> records;
  private final List<Rejection> unreadable;
  private final String fingerprint;

  private Snapshot(Path directory, Map<Dictionary, List<LegacyRecord>> records, List<Rejection> unreadable, String fingerprint) {
    this.directory = directory;
    this.records = records;
    this.unreadable = unreadable;
    this.fingerprint = fingerprint;
  }

  /** Reads the snapshot; a missing or foreign manifest, or an unknown version, is an {@link IllegalArgumentException}. */
  public static Snapshot read(Path directory) throws IOException {
    Path manifest = directory.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(directory + " is not a snapshot: it has no " + MANIFEST);
    }
    JsonObject head = parseObject(Files.readString(manifest, StandardCharsets.UTF_8));
    if (head == null || !head.has("format") || !FORMAT.equals(head.get("format").getAsString())) {
      throw new IllegalArgumentException(MANIFEST + " must say \"format\": \"" + FORMAT + "\"");
    }
    if (!head.has("version") || head.get("version").getAsInt() != VERSION) {
      throw new IllegalArgumentException("this tool reads snapshot version " + VERSION + "; " + MANIFEST + " says " + head.get("version"));
    }
    MessageDigest digest = sha256();
    Map<Dictionary, List<LegacyRecord>> records = new EnumMap<>(Dictionary.class);
    List<Rejection> unreadable = new ArrayList<>();
    for (Dictionary dictionary : Dictionary.values()) {
      Path file = directory.resolve(dictionary.fileName());
      List<LegacyRecord> list = new ArrayList<>();
      records.put(dictionary, list);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(file);
      digest.update(dictionary.fileName().getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      String text = decodeUtf8(bytes, dictionary, unreadable);
      if (text == null) {
        continue;
      }
      try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          readLine(dictionary, number, line, list, unreadable);
        }
      }
    }
    return new Snapshot(directory, records, unreadable, HexFormat.of().formatHex(digest.digest()));
  }

  private static String decodeUtf8(byte[] bytes, Dictionary dictionary, List<Rejection> unreadable) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      unreadable.add(new Rejection(dictionary.fileName(), 0, null, "(file)", "not valid UTF-8: the whole file is skipped"));
      return null;
    }
  }

  private static void readLine(Dictionary dictionary, int number, String line, List<LegacyRecord> list, List<Rejection> unreadable) {
    JsonObject object;
    try {
      object = parseObject(line);
    } catch (JsonParseException | IllegalStateException e) {
      unreadable.add(new Rejection(dictionary.fileName(), number, null, "(record)", "not a JSON object: " + e.getMessage()));
      return;
    }
    if (object == null) {
      unreadable.add(new Rejection(dictionary.fileName(), number, null, "(record)", "not a JSON object"));
      return;
    }
    JsonElement id = object.get("id");
    if (id == null || id.isJsonNull()) {
      unreadable.add(new Rejection(dictionary.fileName(), number, null, "id", "missing legacy id"));
      return;
    }
    if (!id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString() || id.getAsString().isEmpty()) {
      unreadable.add(new Rejection(dictionary.fileName(), number, id.toString(), "id", "the legacy id must be a non-empty string"));
      return;
    }
    String legacyId = id.getAsString();
    String key = legacyId;
    if (dictionary == Dictionary.DATABASE && object.get("table") != null && object.get("table").isJsonPrimitive()) {
      key = object.get("table").getAsString() + "/" + legacyId;
    }
    list.add(new LegacyRecord(dictionary, number, legacyId, key, object));
  }

  /** A strict parse (no comments, no unquoted names, no trailing garbage); null if not an object. */
  static JsonObject parseObject(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = JsonParser.parseReader(reader);
    try {
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("more than one JSON value on the line");
      }
    } catch (IOException e) {
      throw new JsonParseException(e);
    }
    return element.isJsonObject() ? element.getAsJsonObject() : null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path directory() {
    return directory;
  }

  public List<LegacyRecord> records(Dictionary dictionary) {
    return records.get(dictionary);
  }

  /** Lines that could not even be read as a record. */
  public List<Rejection> unreadable() {
    return unreadable;
  }

  /** A hash of every file's content: a checkpoint only resumes the snapshot it was made for. */
  public String fingerprint() {
    return fingerprint;
  }
}
