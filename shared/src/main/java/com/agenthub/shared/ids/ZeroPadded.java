package com.agenthub.shared.ids;

/**
 * Digits left-padded with zeros to a fixed width, so that text order is numeric order (ids,
 * version tokens, durations). On paths every request takes, where {@code String.format}'s parsing
 * of its pattern showed up in profiles.
 */
public final class ZeroPadded {

  private ZeroPadded() {}

  /** {@code value} (≥ 0) in at least {@code width} digits: {@code of(42, 5)} is {@code 00042}. */
  public static String of(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("a negative number has no zero-padded form: " + value);
    }
    return digits(Long.toString(value), width);
  }

  /** A string of digits padded to at least {@code width} characters. */
  public static String digits(String digits, int width) {
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }
}
