package com.agenthub.functions.bench;

import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.google.gson.JsonParser;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-process model (MiniLM on ONNX Runtime) as {@link MiniLmEmbedder} runs it — one thread
 * per inference, idle threads asleep — next to langchain4j's default session (every core per
 * inference, idle threads spinning), on the same SciFact abstracts in batches of 50 (as EmbedTexts
 * and CreateFaqs send them), rounds alternating: texts/s and this process's CPU per text.
 * Nothing is asserted. -Dbench.embedTexts=600 -Dbench.embedRounds=3.
 */
public final class EmbedderBenchmark {

  private final PrintStream report;

  public EmbedderBenchmark(PrintStream report) {
    this.report = report;
  }

  public void run() throws Exception {
    List<String> texts = new ArrayList<>();
    int wanted = Integer.getInteger("bench.embedTexts", 600);
    for (String line : Files.readAllLines(KnowledgeBenchmark.dataset().resolve("corpus.jsonl"))) {
      String text = JsonParser.parseString(line).getAsJsonObject().get("text").getAsString();
      if (!text.isBlank()) {
        texts.add(text.substring(0, Math.min(400, text.length())));
      }
      if (texts.size() == wanted) {
        break;
      }
    }
    MiniLmEmbedder ours = new MiniLmEmbedder();
    EmbeddingModel theirs = new AllMiniLmL6V2QuantizedEmbeddingModel();
    Consumer<List<String>> oursCall = ours::embed;
    Consumer<List<String>> theirsCall = batch -> theirs.embedAll(batch.stream().map(TextSegment::from).toList());
    measure(oursCall, texts.subList(0, 100)); // load and JIT both before anything counts
    measure(theirsCall, texts.subList(0, 100));
    report.printf("%nEmbedding model in process (all-MiniLM-L6-v2-q), %d SciFact texts of <= 400 chars, batches of 50, %d CPUs, load %s%n",
        texts.size(), Runtime.getRuntime().availableProcessors(), Benchmarks.loadAverage());
    report.printf("%-46s %10s %16s%n", "session", "texts/s", "CPU ms per text");
    int rounds = Integer.getInteger("bench.embedRounds", 3);
    double[] oursTotal = new double[2];
    double[] theirsTotal = new double[2];
    for (int round = 1; round <= rounds; round++) {
      double[] a = measure(theirsCall, texts);
      double[] b = measure(oursCall, texts);
      report.printf("%-46s %10.0f %16.2f%n", "langchain4j default (round " + round + ")", a[0], a[1]);
      report.printf("%-46s %10.0f %16.2f%n", "MiniLmEmbedder: 1 thread, no spinning (round " + round + ")", b[0], b[1]);
      for (int i = 0; i < 2; i++) {
        theirsTotal[i] += a[i] / rounds;
        oursTotal[i] += b[i] / rounds;
      }
    }
    report.printf("  -> ours %.2fx the default's texts/s, %.2fx its CPU per text (means of %d rounds)%n",
        oursTotal[0] / theirsTotal[0], oursTotal[1] / theirsTotal[1], rounds);
    // One text per call, as MatchFaq and a search's query embed: what a single request waits.
    List<String> single = texts.subList(0, Math.min(200, texts.size()));
    double[] a = measure(theirsCall, single, 1);
    double[] b = measure(oursCall, single, 1);
    report.printf("one text per call: langchain4j default %.2f ms and %.2f CPU ms per text; ours %.2f ms and %.2f CPU ms (%.2fx the time)%n",
        1000 / a[0], a[1], 1000 / b[0], b[1], a[0] / b[0]);
  }

  private static double[] measure(Consumer<List<String>> embed, List<String> texts) {
    return measure(embed, texts, 50);
  }

  /** texts/s and this process's CPU milliseconds per text, {@code batch} texts per call. */
  private static double[] measure(Consumer<List<String>> embed, List<String> texts, int batch) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long started = System.nanoTime();
    for (int from = 0; from < texts.size(); from += batch) {
      embed.accept(texts.subList(from, Math.min(texts.size(), from + batch)));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new double[] {texts.size() / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / texts.size()};
  }
}
