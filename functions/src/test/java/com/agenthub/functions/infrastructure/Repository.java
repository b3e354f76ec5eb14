package com.agenthub.functions.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Facts about the repository the infrastructure tests check. */
final class Repository {

  static final Path ROOT = TerraformCheck.inRepository().repositoryTerraform().getParent();

  private Repository() {}

  /** Copies a directory tree, leaving out Terraform's own files (.terraform/, state) and what skip selects. */
  static void copyTree(Path from, Path to, Predicate<Path> skip) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        String relative = from.relativize(path).toString();
        if (relative.startsWith(".terraform") || relative.contains("tfstate") || skip.test(path)) {
          continue;
        }
        Path target = to.resolve(relative);
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** A copy of the repository's Terraform and catalog under parent, with one text of one file replaced (which must be there). */
  static Path seededCopy(Path parent, String file, String original, String replacement) throws IOException {
    Path copy = Files.createTempDirectory(parent, "seeded-");
    copyTree(ROOT.resolve("terraform"), copy.resolve("terraform"), path -> false);
    Files.createDirectories(copy.resolve("functions"));
    Files.copy(ROOT.resolve("functions/catalog.json"), copy.resolve("functions/catalog.json"));
    Path seeded = copy.resolve(file);
    String text = Files.readString(seeded);
    if (!text.contains(original)) {
      throw new AssertionError(file + " no longer contains the text this seeded mistake replaces: " + original);
    }
    Files.writeString(seeded, text.replace(original, replacement));
    return copy;
  }

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
