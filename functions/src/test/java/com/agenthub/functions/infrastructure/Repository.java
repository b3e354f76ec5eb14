package com.agenthub.functions.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about the repository the infrastructure tests check. */
final class Repository {

  static final Path ROOT = TerraformCheck.inRepository().repositoryTerraform().getParent();

  private Repository() {}

  /** "java" and the POM's maven.compiler.release: the runtime Cloud Functions must give the functions. */
  static String javaRuntime() {
    try {
      Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
          .matcher(Files.readString(ROOT.resolve("pom.xml")));
      if (!release.find()) {
        throw new IllegalStateException("pom.xml does not set maven.compiler.release");
      }
      return "java" + release.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
