package com.agenthub.functions.bench;

import com.agenthub.functions.agents.GetAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * (a) Cold start under the real Invoker: JVM start to the first complete HTTP 200, GetAgent (a real
 * read of an existing agent with a valid key, against the emulator) against a hello-world
 * function. Repetitions alternate the two; classes loaded are counted on separate, logged runs.
 */
public final class ColdStartBenchmark {

  private static final double GOAL_RATIO = 1.3;

  private final BenchEnvironment env;
  private final PrintStream out;
  private final int repetitions;

  public ColdStartBenchmark(BenchEnvironment env, PrintStream out, int repetitions) {
    this.env = env;
    this.out = out;
    this.repetitions = repetitions;
  }

  private record Subject(String label, String target, Map<String, String> env, int expectedStatus) {
    byte[] request(BenchEnvironment bench, int port) {
      return RawHttp.get("127.0.0.1:" + port, "/GetAgent?agent_id=" + bench.agentId(), bench.apiKey());
    }
  }

  public void run() throws Exception {
    Subject hello = new Subject("HelloWorld", HelloWorld.class.getName(), Map.of(), 200);
    Subject getAgent = new Subject("GetAgent", GetAgent.class.getName(), env.functionEnvironment(), 200);
    out.printf("%n== (a) Cold start: new JVM running %s, to the first HTTP 200 (%d repetitions each, "
        + "alternating, after 1 discarded warm-up each) ==%n", InvokerProcess.INVOKER, repetitions);
    out.printf("load average before: %s%n", Benchmarks.loadAverage());
    once(hello, List.of(), "warmup");
    once(getAgent, List.of(), "warmup");
    long[][] listening = new long[2][repetitions];
    long[][] answered = new long[2][repetitions];
    for (int i = 0; i < repetitions; i++) {
      int s = 0;
      for (Subject subject : List.of(hello, getAgent)) {
        InvokerProcess.FirstAnswer first = once(subject, List.of(), "rep" + i);
        listening[s][i] = first.listeningNanos();
        answered[s][i] = first.answeredNanos();
        s++;
      }
    }
    out.printf("%-11s %14s %16s   %s%n", "function", "listening ms", "first 200 ms", "first-200 samples ms");
    String[] labels = {hello.label(), getAgent.label()};
    for (int s = 0; s < 2; s++) {
      out.printf("%-11s %14.0f %16.0f   %s%n", labels[s], Stats.ms(Stats.median(listening[s])),
          Stats.ms(Stats.median(answered[s])), samples(answered[s]));
    }
    double ratio = (double) Stats.median(answered[1]) / Stats.median(answered[0]);
    out.printf("ratio GetAgent / HelloWorld (medians of first 200): %.2fx   goal <= %.1fx: %s%n",
        ratio, GOAL_RATIO, ratio <= GOAL_RATIO ? "MET" : "MISSED");
    out.printf("(\"listening\" = the port accepts: JVM + Invoker + function constructor; the rest is the first request)%n");

    out.printf("load average after: %s%n", Benchmarks.loadAverage());
    out.printf("%nclasses loaded by the first 200 (separate run each, -Xlog:class+load):%n");
    for (Subject subject : List.of(hello, getAgent)) {
      classCount(subject);
    }
  }

  private InvokerProcess.FirstAnswer once(Subject subject, List<String> flags, String tag) throws Exception {
    Path log = env.workDir().resolve("invoker-" + subject.label() + "-" + tag + ".log");
    try (InvokerProcess invoker = InvokerProcess.start(subject.target(), subject.env(), flags, log)) {
      InvokerProcess.FirstAnswer first = invoker.awaitFirstAnswer(subject.request(env, invoker.port()));
      if (first.response().status() != subject.expectedStatus()) {
        throw new IllegalStateException(subject.label() + " answered " + first.response().status() + ": "
            + first.response().body());
      }
      return first;
    }
  }

  private void classCount(Subject subject) throws Exception {
    Path classLog = env.workDir().resolve("classload-" + subject.label() + ".log");
    Files.deleteIfExists(classLog);
    long count;
    Map<String, Long> bySource;
    Path log = env.workDir().resolve("invoker-" + subject.label() + "-classload.log");
    try (InvokerProcess invoker = InvokerProcess.start(subject.target(), subject.env(),
        List.of("-Xlog:class+load=info:file=" + classLog), log)) {
      invoker.awaitFirstAnswer(subject.request(env, invoker.port()));
      // Counted at the first answer, before the JVM stops (each log line is written as it happens).
      List<String> lines = lines(classLog);
      count = lines.size();
      bySource = bySource(lines);
    }
    out.printf("  %-11s %6d classes; by source: %s%n", subject.label(), count, top(bySource, 8));
  }

  private static List<String> lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.contains("[class,load]")).toList();
    }
  }

  /** "jdk (CDS)", "jdk", or the jar/directory the class came from. */
  private static Map<String, Long> bySource(List<String> lines) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : lines) {
      int at = line.indexOf(" source: ");
      String source = at < 0 ? "?" : line.substring(at + 9).trim();
      String key;
      if (source.startsWith("shared objects file")) {
        key = "jdk(CDS)";
      } else if (source.startsWith("jrt:/")) {
        key = "jdk";
      } else if (source.startsWith("file:")) {
        String path = source.substring(5).replaceAll("/$", "");
        key = path.endsWith(".jar") ? Path.of(path).getFileName().toString().replaceAll("\\.jar$", "")
            : Path.of(path).getParent().getFileName() + "/" + Path.of(path).getFileName();
      } else {
        key = "generated";
      }
      counts.merge(key, 1L, Long::sum);
    }
    return counts;
  }

  private static String top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    StringBuilder text = new StringBuilder();
    long rest = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (i < n) {
        text.append(i == 0 ? "" : ", ").append(entries.get(i).getKey()).append(' ').append(entries.get(i).getValue());
      } else {
        rest += entries.get(i).getValue();
      }
    }
    return rest == 0 ? text.toString() : text + ", other " + rest;
  }

  private static String samples(long[] nanos) {
    StringBuilder text = new StringBuilder();
    for (long n : nanos) {
      text.append(text.length() == 0 ? "" : " ").append(Math.round(Stats.ms(n)));
    }
    return text.toString();
  }
}
