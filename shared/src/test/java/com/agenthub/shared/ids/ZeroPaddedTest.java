package com.agenthub.shared.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroPaddedTest {

  @Test
  void padsToTheWidthAndNeverCuts() {
    assertEquals("00042", ZeroPadded.of(42, 5));
    assertEquals("000000000", ZeroPadded.of(0, 9));
    assertEquals("123456", ZeroPadded.of(123456, 3), "wider than the width: all of its digits");
    assertEquals("00000000000000000001", ZeroPadded.digits("1", 20));
    assertEquals(String.format("%012d", Long.MAX_VALUE), ZeroPadded.of(Long.MAX_VALUE, 12));
  }

  @Test
  void textOrderIsNumericOrder() {
    List<String> padded = new ArrayList<>();
    for (long n : new long[] {0, 7, 9, 10, 99, 100, 123_456_789, 999_999_999_999L}) {
      padded.add(ZeroPadded.of(n, 12));
    }
    List<String> sorted = new ArrayList<>(padded);
    sorted.sort(null);
    assertEquals(padded, sorted);
  }

  @Test
  void aNegativeNumberIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ZeroPadded.of(-1, 3));
  }
}
