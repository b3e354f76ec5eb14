package com.agenthub.functions.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.functions.local.FunctionCatalog;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lean deploy jar leaves out the embedding model and its runtimes (functions/pom.xml, profile
 * deploy). Every function without the catalog's "embeddings" need must work without them: each is
 * built and served in a class loader over this build's classpath minus those jars; only functions
 * with the need may reach for them.
 */
class LeanPackageTest {

  /** The artifacts the lean shade execution excludes, as they appear in a local Maven repository path. */
  private static final Pattern LEFT_OUT = Pattern.compile(
      "/(dev/langchain4j|com/microsoft/onnxruntime|ai/djl|net/java/dev/jna|org/apache/commons/commons-compress"
          + "|com/google/genai|com/squareup/okhttp3|com/squareup/okio|org/jetbrains/kotlin|org/jetbrains/annotations"
          + "|com/fasterxml/jackson/datatype/jackson-datatype-jdk8|jakarta/annotation/jakarta.annotation-api)/");

  @Test
  void everyFunctionWithoutTheEmbeddingsNeedRunsWithoutTheEmbeddingLibraries() throws Exception {
    try (URLClassLoader lean = new URLClassLoader(leanClasspath(), ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.onnxruntime.OrtEnvironment", false, lean),
          "the lean class path really lacks ONNX Runtime");
      assertThrows(ClassNotFoundException.class, () -> Class.forName("com.google.genai.Client", false, lean),
          "the lean class path really lacks the Gen AI SDK");
      assertThrows(ClassNotFoundException.class, () -> Class.forName("okhttp3.OkHttpClient", false, lean),
          "the lean class path really lacks okhttp");
      @SuppressWarnings("unchecked")
      List<String> missing = (List<String>) lean.loadClass(LeanProbe.class.getName())
          .getMethod("serveEveryHttpFunction", Map.class)
          .invoke(null, Map.of("EmbedTexts", "{\"texts\": [\"hello\"]}"));

      List<String> embedding = FunctionCatalog.load().http().stream().filter(e -> e.needs().contains("embeddings"))
          .map(FunctionCatalog.Entry::name).toList();
      List<String> withoutTheNeed = missing.stream()
          .filter(problem -> embedding.stream().noneMatch(name -> problem.startsWith(name + ":"))).toList();
      assertEquals(List.of(), withoutTheNeed);
      // The probe does see a missing class: EmbedTexts, given a text, reaches for the model and fails here.
      assertEquals(1, missing.stream().filter(problem -> problem.startsWith("EmbedTexts:")).count(), missing.toString());
    }
  }

  private static URL[] leanClasspath() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank() && !LEFT_OUT.matcher(entry.replace(File.separatorChar, '/')).find()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }
}
