package com.agenthub.migrate.importing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batches an import has finished, one JSON line each, appended (and forced to disk) as each
 * finishes; its first line names the snapshot it belongs to. A run killed at any point leaves at
 * most a torn last line, which is ignored: that batch is simply done again, and doing a batch
 * again is harmless (every call it makes is idempotent), only slower.
 */
public final class Checkpoint implements AutoCloseable {

  private final Path file;
  private final Map<String, BatchOutcome> done;
  private final FileChannel channel;

  private Checkpoint(Path file, Map<String, BatchOutcome> done, FileChannel channel) {
    this.file = file;
    this.done = done;
    this.channel = channel;
  }

  /** Opens (or starts) the checkpoint of this snapshot; one of another snapshot is refused unless {@code restart}. */
  public static Checkpoint open(Path file, String snapshotFingerprint, boolean restart) throws IOException {
    Map<String, BatchOutcome> done = new LinkedHashMap<>();
    if (Files.exists(file) && !restart) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty()) {
        JsonObject head = parse(lines.get(0));
        if (head == null || !snapshotFingerprint.equals(head.has("snapshot") ? head.get("snapshot").getAsString() : null)) {
          throw new IllegalStateException(file + " is the checkpoint of another snapshot (the files changed since); "
              + "pass --restart to import from the beginning (idempotent, so nothing is duplicated)");
        }
        for (String line : lines.subList(1, lines.size())) {
          JsonObject entry = parse(line);
          if (entry != null && entry.has("batch")) {
            done.put(entry.get("batch").getAsString(), BatchOutcome.fromJson(entry));
          }
        }
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    boolean fresh = restart || !Files.exists(file) || Files.size(file) == 0;
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
    Checkpoint checkpoint = new Checkpoint(file, done, channel);
    if (fresh) {
      JsonObject head = new JsonObject();
      head.addProperty("snapshot", snapshotFingerprint);
      checkpoint.append(head);
    } else {
      checkpoint.newLineIfTorn();
    }
    return checkpoint;
  }

  private static JsonObject parse(String line) {
    try {
      var element = JsonParser.parseString(line);
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (RuntimeException e) {
      return null; // a torn last line of a killed run
    }
  }

  /** Batches finished by earlier runs of this snapshot, with what they did. */
  public Map<String, BatchOutcome> done() {
    return done;
  }

  public synchronized void finished(String batchId, BatchOutcome outcome) throws IOException {
    append(outcome.toJson(batchId));
  }

  private void append(JsonObject line) throws IOException {
    channel.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    channel.force(false);
  }

  private void newLineIfTorn() throws IOException {
    long size = channel.size();
    if (size > 0) {
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
        reader.read(last, size - 1);
      }
      if (last.get(0) != '\n') {
        channel.write(java.nio.ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
