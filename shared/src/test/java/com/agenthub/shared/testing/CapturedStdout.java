package com.agenthub.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures stdout (where the structured log lines go) for each test:
 * {@code @RegisterExtension final CapturedStdout logs = new CapturedStdout();}.
 */
public final class CapturedStdout implements BeforeEachCallback, AfterEachCallback {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @Override
  public void beforeEach(ExtensionContext context) {
    original = System.out;
    captured.reset();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(original);
  }

  /** Everything written to stdout so far in this test. */
  public String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
