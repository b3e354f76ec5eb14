package com.agenthub.shared.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreTwentyLettersAndDigitsThatRequireAccepts() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.newId();
      assertEquals(id, Ids.require("id", id));
      seen.add(id);
    }
    assertEquals(10_000, seen.size(), "no id twice");
  }

  @Test
  void everyCharacterIsEquallyLikely() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    long[] counts = new long[alphabet.length()];
    for (int i = 0; i < 20_000; i++) {
      for (char c : Ids.newId().toCharArray()) {
        counts[alphabet.indexOf(c)]++;
      }
    }
    long min = java.util.Arrays.stream(counts).min().orElseThrow();
    long max = java.util.Arrays.stream(counts).max().orElseThrow();
    // 400,000 characters, ~6,450 each: a modulo bias (some characters 5/256, the rest 4/256) would be 25% apart.
    assertTrue(max < min * 1.1, "min " + min + ", max " + max);
  }
}
