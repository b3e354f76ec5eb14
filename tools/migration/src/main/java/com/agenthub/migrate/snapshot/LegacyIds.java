package com.agenthub.migrate.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How a legacy id becomes the product's id, deterministically, so that an import, its re-run and
 * the legacy service's dual writes all name the same document. A legacy id that is already a valid
 * id is kept verbatim; any other (unicode, spaces, too long) becomes {@code lg-} and the first 40
 * hex digits of SHA-256 over {@code dictionary + "\n" + legacy id}. The organization is not part of
 * the hash because every document already lives under its organization. The mapping is written to
 * {@code id-map.ndjson} by every import (and is recomputable from the snapshot alone).
 */
public final class LegacyIds {

  /** The product's client-chosen ids (ClientIds): agents, FAQs, documents. */
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  /** A string primary key of a tenant table row. */
  private static final Pattern ROW_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  /** Event ids as TrackEvents and ImportEventHistory take them (`event_id`). */
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

  private LegacyIds() {}

  public static String clientId(Dictionary dictionary, String legacyId) {
    return CLIENT_ID.matcher(legacyId).matches() ? legacyId : hashed(dictionary, legacyId);
  }

  public static String rowKey(String table, String legacyId) {
    return ROW_KEY.matcher(legacyId).matches() && !legacyId.startsWith("__") ? legacyId : hashed(Dictionary.DATABASE, table + "/" + legacyId);
  }

  public static String eventId(String legacyId) {
    return EVENT_ID.matcher(legacyId).matches() ? legacyId : hashed(Dictionary.ANALYTICS_DATA, legacyId);
  }

  /**
   * A payment intent's id: always derived (the product's intent ids are 20 letters and digits), as
   * ImportPaymentIntent derives it: the first 20 hex digits of SHA-256 of {@code "payment_intents\n" + legacy id}.
   */
  public static String paymentIntentId(String legacyId) {
    return sha256("payment_intents\n" + legacyId).substring(0, 20);
  }

  /** The ledger transaction id of a legacy transaction, as ImportPaymentIntent derives it. */
  public static String transactionId(String legacyId) {
    return sha256("transactions\n" + legacyId).substring(0, 20);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hashed(Dictionary dictionary, String legacyId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((dictionary.legacyName() + "\n" + legacyId).getBytes(StandardCharsets.UTF_8));
      return "lg-" + HexFormat.of().formatHex(digest).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
