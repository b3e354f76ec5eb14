package com.agenthub.shared.port;

import java.util.Map;
import java.util.Optional;

/** One write in an atomic commit. Preconditions make the whole commit fail, applying nothing. */
public sealed interface Write {

  DocumentPath path();

  /** Creates the document; the commit fails with {@link StoreException.Reason#ALREADY_EXISTS} if it exists. */
  record Create(DocumentPath path, Map<String, Object> data) implements Write {}

  /** Creates or replaces the whole document. */
  record Set(DocumentPath path, Map<String, Object> data) implements Write {}

  /**
   * Replaces the given top-level fields of an existing document. Fails with NOT_FOUND when it
   * does not exist, and with STALE when {@code expected} is present and is not its current version.
   */
  record Update(DocumentPath path, Map<String, Object> fields, Optional<Version> expected) implements Write {}

  /** Deletes the document; with {@code expected}, only if that is still its version (else STALE or NOT_FOUND). */
  record Delete(DocumentPath path, Optional<Version> expected) implements Write {}

  /**
   * Atomically adds {@code delta} to a numeric field, creating the document (with {@code fields}
   * and the field starting at 0) if it is missing. Contention-free on the server, unlike a
   * read-modify-write transaction.
   */
  record Increment(DocumentPath path, String field, long delta, Map<String, Object> fields) implements Write {}

  /**
   * Puts entries into, and removes entries from, the map field {@code field}, creating the document
   * (and the map) if missing; other entries and fields stay. Needs no read and no precondition, so
   * writers of different entries of one document never conflict.
   */
  record MergeMap(DocumentPath path, String field, Map<String, Object> put, java.util.Set<String> remove) implements Write {}

  static Create create(DocumentPath path, Map<String, Object> data) {
    return new Create(path, data);
  }

  static Set set(DocumentPath path, Map<String, Object> data) {
    return new Set(path, data);
  }

  static Update update(DocumentPath path, Map<String, Object> fields, Optional<Version> expected) {
    return new Update(path, fields, expected);
  }

  static Delete delete(DocumentPath path, Optional<Version> expected) {
    return new Delete(path, expected);
  }

  static MergeMap mergeMap(DocumentPath path, String field, Map<String, Object> put, java.util.Set<String> remove) {
    return new MergeMap(path, field, put, remove);
  }

  static Increment increment(DocumentPath path, String field, long delta, Map<String, Object> fields) {
    return new Increment(path, field, delta, fields);
  }
}
