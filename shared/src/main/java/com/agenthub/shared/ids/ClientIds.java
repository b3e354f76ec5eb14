package com.agenthub.shared.ids;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.port.StoreException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Ids a client may choose for a new resource (idempotent creation, or a legacy id kept through a
 * migration): 1..64 letters, digits, '-' and '_', so they are safe as Firestore document ids.
 */
public final class ClientIds {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private ClientIds() {}

  /** An id from a request, checked before it can become part of a document path. */
  public static String require(String field, String candidate) {
    if (candidate == null || !FORMAT.matcher(candidate).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be 1..64 letters, digits, '-' or '_', starting with a letter or digit");
    }
    return candidate;
  }

  /**
   * Creation under an id the client chose (a retry, a dual write, an import re-run): the resource
   * that id already names is answered by {@code existing} (which throws a 409 when it differs);
   * else {@code create} runs, and a create that lost a race to the same id answers as its retry
   * would. Without a client-chosen id it is just {@code create}.
   */
  public static <T> T createOrFind(boolean clientChosen, Supplier<Optional<T>> existing, Supplier<T> create) {
    if (clientChosen) {
      Optional<T> found = existing.get();
      if (found.isPresent()) {
        return found.get();
      }
    }
    try {
      return create.get();
    } catch (StoreException e) {
      if (clientChosen && e.reason() == StoreException.Reason.ALREADY_EXISTS) {
        return existing.get().orElseThrow(() -> e);
      }
      throw e;
    }
  }
}
