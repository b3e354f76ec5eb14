package com.agenthub.migrate.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.CharsetDecoder;
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
    checkManifest(Files.readString(manifest, StandardCharsets.UTF_8));
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
      readLines(dictionary, bytes, list, unreadable);
    }
    return new Snapshot(directory, records, unreadable, HexFormat.of().formatHex(digest.digest()));
  }

  /** The manifest's format and version, or an {@link IllegalArgumentException} saying what is wrong with it. */
  private static void checkManifest(String text) {
    JsonLines.Parsed parsed = JsonLines.parse(text.strip());
    if (parsed.object() == null) {
      throw new IllegalArgumentException(MANIFEST + " is " + parsed.problem());
    }
    JsonObject head = parsed.object();
    JsonElement format = head.get("format");
    if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
      throw new IllegalArgumentException(MANIFEST + " must say \"format\": \"" + FORMAT + "\"");
    }
    JsonElement version = head.get("version");
    if (version == null || !RecordRules.isInteger(version) || version.getAsBigDecimal().intValue() != VERSION) {
      throw new IllegalArgumentException("this tool reads snapshot version " + VERSION + "; " + MANIFEST + " says " + version);
    }
  }

  /**
   * Each line on its own, so a line cut in the middle of a character (a dump that crashed) or in
   * another encoding is rejected alone; '\n' never occurs inside a UTF-8 character.
   */
  private static void readLines(Dictionary dictionary, byte[] bytes, List<LegacyRecord> list, List<Rejection> unreadable) {
    CharsetDecoder decoder = JsonLines.strictUtf8();
    int number = 0;
    for (int from = 0; from < bytes.length; ) {
      int to = from;
      while (to < bytes.length && bytes[to] != '\n') {
        to++;
      }
      number++;
      int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
      String line = JsonLines.utf8(decoder, bytes, from, end);
      if (line == null) {
        unreadable.add(new Rejection(dictionary.fileName(), number, null, "(record)",
            "not valid UTF-8: was the dump cut short, or written in another encoding?"));
      } else if (!line.isBlank()) {
        readLine(dictionary, number, line, list, unreadable); // Gson skips a byte-order mark
      }
      from = to + 1;
    }
  }

  private static void readLine(Dictionary dictionary, int number, String line, List<LegacyRecord> list, List<Rejection> unreadable) {
    JsonLines.Parsed parsed = JsonLines.parse(line);
    if (parsed.object() == null) {
      unreadable.add(new Rejection(dictionary.fileName(), number, null, "(record)", parsed.problem()));
      return;
    }
    JsonObject object = parsed.object();
    JsonElement id = object.get("id");
    if (id == null || id.isJsonNull()) {
      unreadable.add(new Rejection(dictionary.fileName(), number, null, "id", "missing legacy id"));
      return;
    }
    if (!id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString() || id.getAsString().isEmpty()) {
      String reason = RecordRules.isInteger(id)
          ? "the legacy id must be a string, not a number: write an int key as str(key) (README's dump snippet does)"
          : "the legacy id must be a non-empty string";
      unreadable.add(new Rejection(dictionary.fileName(), number, id.toString(), "id", reason));
      return;
    }
    String legacyId = id.getAsString();
    String key = legacyId;
    if (dictionary == Dictionary.DATABASE && object.get("table") != null && object.get("table").isJsonPrimitive()) {
      key = object.get("table").getAsString() + "/" + legacyId;
    }
    list.add(new LegacyRecord(dictionary, number, legacyId, key, object));
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
