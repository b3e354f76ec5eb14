package com.agenthub.shared.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.testing.Emulators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigQueryLocalTest {

  @Test
  void aMissingInstallSaysInOneLineWhatToRun(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("server.mjs"), "");
    EmulatorMissingException e = assertThrows(EmulatorMissingException.class, () -> BigQueryLocal.start(dir));
    assertTrue(e.getMessage().contains("npm ci --prefix tools/bigquery-local"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void theLauncherIsFoundFromTheModuleDirectory() {
    assertTrue(Files.isRegularFile(BigQueryLocal.locateDirectory().resolve("server.mjs")));
  }

  @Test
  void itListensOnLoopbackOnly() {
    assertTrue(Emulators.bigQueryHost().startsWith("http://127.0.0.1:"), Emulators.bigQueryHost());
  }
}
