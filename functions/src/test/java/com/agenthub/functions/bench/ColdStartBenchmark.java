package com.agenthub.functions.bench;

import com.agenthub.functions.agents.GetAgent;
import com.agenthub.functions.analytics.TrackEvents;
import com.agenthub.functions.conversations.ListConversations;
import com.agenthub.functions.knowledge.ListFaqs;
import com.agenthub.functions.payments.GetBalance;
import com.agenthub.functions.tables.ListTables;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.local.Emulator;
import com.agenthub.shared.local.RunningEmulator;
import com.google.pubsub.v1.TopicName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * (a) Cold start under the real Invoker: JVM start to the first complete answer, for one function
 * of every service (each a real request with a valid key against the emulators), next to a
 * hello-world function started the same way, repetitions alternating. Then the JVM's own levers,
 * each alone, on GetAgent and hello-world; then the classes each loads. When
 * {@code tools/package-functions} has built the deploy jars, the same comparison is made in
 * Cloud Functions' own shape ({@code java -jar invoker.jar --classpath <jar>}), with and without
 * the embedding libraries in the jar.
 */
public final class ColdStartBenchmark {

  private static final double GOAL_RATIO = 1.5;
  private static final Path DEPLOY = Path.of("functions/target/deploy");
  /** Which parts run (bench.coldSections, comma-separated): services, deploy, levers, classes; all by default. */
  private static final List<String> SECTIONS = List.of(System.getProperty("bench.coldSections", "services,deploy,levers,classes")
      .split(","));
  /** JVM flags for every run of the tables (bench.coldFlags, comma-separated), e.g. what Terraform sets in production. */
  private static final List<String> FLAGS = java.util.Arrays.stream(System.getProperty("bench.coldFlags", "").split(","))
      .map(String::strip).filter(flag -> !flag.isEmpty()).toList();

  private final BenchEnvironment env;
  private final PrintStream out;
  private final int repetitions;

  public ColdStartBenchmark(BenchEnvironment env, PrintStream out, int repetitions) {
    this.env = env;
    this.out = out;
    this.repetitions = repetitions;
  }

  /** One way of starting one function, and the request whose answer ends its cold start. */
  private record Subject(String label, String target, Map<String, String> env, List<String> launch,
      IntFunction<byte[]> request, int expectedStatus) {}

  public void run() throws Exception {
    try (RunningEmulator pubsub = RunningEmulator.start(Emulator.PUBSUB, "512m")) {
      createTopic(pubsub.hostPort(), AnalyticsEventMessages.TOPIC);
      Map<String, String> functionEnv = new HashMap<>(env.functionEnvironment());
      functionEnv.put(Settings.PUBSUB_EMULATOR_HOST, pubsub.hostPort());
      run(Map.copyOf(functionEnv));
    }
  }

  private void run(Map<String, String> functionEnv) throws Exception {
    List<String> testCp = InvokerProcess.fromTestClasspath();
    Subject hello = new Subject("HelloWorld", HelloWorld.class.getName(), Map.of(), testCp, port -> get(port, "/"), 200);
    Subject getAgent = new Subject("GetAgent", GetAgent.class.getName(), functionEnv, testCp,
        port -> get(port, "/GetAgent?agent_id=" + env.agentId()), 200);
    List<Subject> services = List.of(hello, getAgent,
        new Subject("TrackEvents", TrackEvents.class.getName(), functionEnv, testCp,
            port -> RawHttp.postJson("127.0.0.1:" + port, "/TrackEvents", env.apiKey(), "{\"event_type\": \"page.view\"}"), 202),
        new Subject("GetBalance", GetBalance.class.getName(), functionEnv, testCp, port -> get(port, "/GetBalance"), 200),
        new Subject("ListFaqs", ListFaqs.class.getName(), functionEnv, testCp, port -> get(port, "/ListFaqs"), 200),
        new Subject("ListTables", ListTables.class.getName(), functionEnv, testCp, port -> get(port, "/ListTables"), 200),
        new Subject("ListConversations", ListConversations.class.getName(), functionEnv, testCp,
            port -> get(port, "/ListConversations"), 200));

    out.printf("%n== (a) Cold start: new JVM running %s, to the first answer (%d repetitions each, alternating, "
        + "after 1 discarded warm-up each) ==%n", InvokerProcess.INVOKER, repetitions);
    out.printf("one function per service: agents GetAgent, analytics TrackEvents (publishes to the Pub/Sub emulator), "
        + "payments GetBalance, knowledge ListFaqs, tables ListTables, conversations ListConversations%n");
    if (SECTIONS.contains("services")) {
      table("test classpath (every jar of the build)" + flagsNote(), services, FLAGS);
    }

    Optional<Path> full = deployJar("agenthub-functions.zip");
    Optional<Path> lean = deployJar("agenthub-functions-lean.zip");
    List<Subject> deployShape = new ArrayList<>();
    if (full.isPresent() && lean.isPresent() && (SECTIONS.contains("deploy") || SECTIONS.contains("levers"))) {
      Path helloJar = helloJar();
      Subject deployedHello = new Subject("HelloWorld (jar)", HelloWorld.class.getName(), Map.of(),
          InvokerProcess.deployed(helloJar), port -> get(port, "/"), 200);
      deployShape.add(deployedHello);
      for (Map.Entry<String, Path> jar : Map.of("full", full.get(), "lean", lean.get()).entrySet()) {
        deployShape.add(new Subject("GetAgent (" + jar.getKey() + " jar)", getAgent.target(), functionEnv,
            InvokerProcess.deployed(jar.getValue()), getAgent.request(), 200));
        deployShape.add(new Subject("TrackEvents (" + jar.getKey() + " jar)", TrackEvents.class.getName(), functionEnv,
            InvokerProcess.deployed(jar.getValue()), services.get(2).request(), 202));
      }
      deployShape.sort(java.util.Comparator.comparing(Subject::label));
      deployShape.remove(deployedHello);
      deployShape.add(0, deployedHello);
      if (SECTIONS.contains("deploy")) {
        table("deploy jars as Cloud Functions runs them: java -jar invoker.jar --classpath <jar> (full "
            + mb(full.get()) + " zip, lean " + mb(lean.get()) + " zip)" + flagsNote(), deployShape, FLAGS);
      }
    } else {
      out.printf("%n(no deploy jars under %s: run tools/package-functions first to also measure Cloud Functions' "
          + "launch shape and the lean package)%n", DEPLOY);
    }

    if (SECTIONS.contains("levers")) {
      levers(deployShape.isEmpty() ? hello : deployShape.get(0),
          deployShape.isEmpty() ? getAgent : deployShape.stream().filter(s -> s.label().equals("GetAgent (lean jar)"))
              .findFirst().orElseThrow());
    }
    if (SECTIONS.contains("classes")) {
      out.printf("%nclasses loaded by the first answer (separate run each, -Xlog:class+load):%n");
      for (Subject subject : services) {
        classCount(subject);
      }
    }
  }

  /** Every subject {@link #repetitions} times, alternating, with {@code flags}; the first is the baseline. */
  private void table(String title, List<Subject> subjects, List<String> flags) throws Exception {
    out.printf("%n-- %s; load average before: %s%n", title, Benchmarks.loadAverage());
    long[][] listening = new long[subjects.size()][repetitions];
    long[][] answered = new long[subjects.size()][repetitions];
    for (Subject subject : subjects) {
      once(subject, flags, "warmup");
    }
    for (int i = 0; i < repetitions; i++) {
      for (int s = 0; s < subjects.size(); s++) {
        InvokerProcess.FirstAnswer first = once(subjects.get(s), flags, "rep" + i);
        listening[s][i] = first.listeningNanos();
        answered[s][i] = first.answeredNanos();
      }
    }
    long baseline = Stats.median(answered[0]);
    out.printf("%-26s %12s %14s %8s   %s%n", "function", "listening ms", "first answer ms", "x hello", "first-answer samples ms");
    for (int s = 0; s < subjects.size(); s++) {
      double ratio = (double) Stats.median(answered[s]) / baseline;
      out.printf("%-26s %12.0f %14.0f %8.2f   %s%s%n", subjects.get(s).label(), Stats.ms(Stats.median(listening[s])),
          Stats.ms(Stats.median(answered[s])), ratio, samples(answered[s]),
          s == 0 ? "" : ratio <= GOAL_RATIO ? "   goal <= 1.5x: MET" : "   goal <= 1.5x: MISSED");
    }
    out.printf("(\"listening\" = the port accepts: JVM + Invoker + function constructor; the rest is the first request)%n");
    out.printf("load average after: %s%n", Benchmarks.loadAverage());
  }

  /**
   * Each JVM lever alone, then the kept combination, on hello-world and GetAgent alike (every
   * function of an instance's JVM gets the same JAVA_TOOL_OPTIONS). AppCDS gets an archive dumped
   * by a training run of the same subject, classpath and JDK, which is what it would need in production.
   */
  private void levers(Subject hello, Subject function) throws Exception {
    int reps = Integer.getInteger("bench.leverReps", Math.max(3, repetitions - 2));
    out.printf("%n-- JVM levers, each alone (%s vs %s; %d repetitions each, round-robin over the levers); load average before: %s%n",
        function.label(), hello.label(), reps, Benchmarks.loadAverage());
    out.printf("%-42s %10s %12s %9s %16s%n", "flags", "hello ms", "function ms", "x hello", "x no-flag hello");
    Map<String, List<String>> levers = new java.util.LinkedHashMap<>();
    levers.put("(none)", List.of());
    levers.put("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"));
    levers.put("-XX:+UseSerialGC", List.of("-XX:+UseSerialGC"));
    levers.put("-Xss512k", List.of("-Xss512k"));
    levers.put("-Xshare:off (what the JDK's CDS archive gives)", List.of("-Xshare:off"));
    // AppCDS refuses class directories on the classpath: it is measured on the deploy jars only.
    if (hello.launch().stream().noneMatch(entry -> entry.contains("test-classes"))) {
      levers.put("AppCDS (archive of this exact JDK + jar)", List.of("APPCDS"));
    }
    levers.put("-XX:-BytecodeVerificationRemote (no verifying)", List.of("-XX:+UnlockDiagnosticVMOptions",
        "-XX:-BytecodeVerificationRemote"));
    levers.put("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    // Not a JVM flag but the Firestore client's own switch (tools/bench and production turn it off).
    levers.put("FIRESTORE_ENABLE_TRACING=true (the client's default)", List.of(ENV + "FIRESTORE_ENABLE_TRACING=true"));
    List<String> names = new ArrayList<>(levers.keySet());
    List<List<String>> helloFlags = new ArrayList<>();
    List<List<String>> functionFlags = new ArrayList<>();
    for (List<String> flags : levers.values()) {
      boolean appCds = flags.equals(List.of("APPCDS"));
      helloFlags.add(appCds ? List.of("-XX:SharedArchiveFile=" + trainArchive(hello)) : flags);
      functionFlags.add(appCds ? List.of("-XX:SharedArchiveFile=" + trainArchive(function)) : flags);
    }
    long[][] helloTimes = new long[names.size()][reps];
    long[][] functionTimes = new long[names.size()][reps];
    for (int l = 0; l < names.size(); l++) {
      once(hello, helloFlags.get(l), "lever-warmup");
      once(function, functionFlags.get(l), "lever-warmup");
    }
    // Round-robin over the levers, so a change in the machine's load hits them all alike.
    for (int i = 0; i < reps; i++) {
      for (int l = 0; l < names.size(); l++) {
        helloTimes[l][i] = once(hello, helloFlags.get(l), "lever" + l + "-" + i).answeredNanos();
        functionTimes[l][i] = once(function, functionFlags.get(l), "lever" + l + "-" + i).answeredNanos();
      }
    }
    long baselineHello = Stats.median(helloTimes[0]);
    for (int l = 0; l < names.size(); l++) {
      long h = Stats.median(helloTimes[l]);
      long f = Stats.median(functionTimes[l]);
      out.printf("%-42s %10.0f %12.0f %9.2f %16.2f%n", names.get(l), Stats.ms(h), Stats.ms(f), (double) f / h,
          (double) f / baselineHello);
    }
    out.printf("load average after: %s%n", Benchmarks.loadAverage());
  }

  /** A dynamic AppCDS archive dumped at the exit of one run that served the first request. */
  private Path trainArchive(Subject subject) throws Exception {
    Path archive = env.workDir().resolve("appcds-" + subject.label().replaceAll("[^A-Za-z0-9]", "") + ".jsa");
    Files.deleteIfExists(archive);
    Path log = env.workDir().resolve("invoker-" + subject.label() + "-appcds-training.log");
    InvokerProcess invoker = InvokerProcess.start(subject.target(), subject.env(),
        List.of("-XX:ArchiveClassesAtExit=" + archive), subject.launch(), log);
    try {
      invoker.awaitFirstAnswer(subject.request().apply(invoker.port()));
    } finally {
      invoker.close(); // SIGTERM: the JVM exits normally and dumps the archive
    }
    if (!Files.exists(archive)) {
      throw new IllegalStateException("no AppCDS archive was dumped; log: " + invoker.tail());
    }
    return archive;
  }

  /** A lever that sets an environment variable of the Invoker's process rather than a JVM flag. */
  private static final String ENV = "ENV:";

  private InvokerProcess.FirstAnswer once(Subject subject, List<String> levers, String tag) throws Exception {
    Path log = env.workDir().resolve("invoker-" + subject.label().replaceAll("[^A-Za-z0-9]", "") + "-" + tag + ".log");
    Map<String, String> variables = new HashMap<>(subject.env());
    List<String> flags = new ArrayList<>();
    for (String lever : levers) {
      if (lever.startsWith(ENV)) {
        String[] variable = lever.substring(ENV.length()).split("=", 2);
        variables.put(variable[0], variable[1]);
      } else {
        flags.add(lever);
      }
    }
    try (InvokerProcess invoker = InvokerProcess.start(subject.target(), variables, flags, subject.launch(), log)) {
      InvokerProcess.FirstAnswer first = invoker.awaitFirstAnswer(subject.request().apply(invoker.port()));
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
        List.of("-Xlog:class+load=info:file=" + classLog), subject.launch(), log)) {
      invoker.awaitFirstAnswer(subject.request().apply(invoker.port()));
      // Counted at the first answer, before the JVM stops (each log line is written as it happens).
      List<String> lines = ClassLoadLog.lines(classLog);
      count = lines.size();
      bySource = ClassLoadLog.bySource(lines);
    }
    out.printf("  %-18s %6d classes; by source: %s%n", subject.label(), count, ClassLoadLog.top(bySource, 8));
  }

  private static String flagsNote() {
    return FLAGS.isEmpty() ? "" : "; JVM flags " + String.join(" ", FLAGS);
  }

  private byte[] get(int port, String pathAndQuery) {
    return RawHttp.get("127.0.0.1:" + port, pathAndQuery, env.apiKey());
  }

  private static void createTopic(String emulatorHost, String topic) throws Exception {
    try (PubSubConnection connection = PubSubConnection.to(BenchEnvironment.PROJECT, Optional.of(emulatorHost));
        var admin = connection.topicAdmin()) {
      admin.createTopic(TopicName.of(BenchEnvironment.PROJECT, topic));
    }
  }

  private static Optional<Path> deployJar(String zipName) throws IOException {
    Path zip = DEPLOY.resolve(zipName);
    if (!Files.exists(zip)) {
      return Optional.empty();
    }
    Path dir = Files.createDirectories(DEPLOY.resolve("unzipped-" + zipName.replace(".zip", "")));
    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
      var entry = in.getNextEntry();
      Path jar = dir.resolve(entry.getName());
      Files.copy(in, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(jar);
    }
  }

  /** A jar holding only the hello-world class: the reference in Cloud Functions' launch shape. */
  private Path helloJar() throws IOException {
    Path jar = env.workDir().resolve("hello-world.jar");
    String entry = HelloWorld.class.getName().replace('.', '/') + ".class";
    try (var in = HelloWorld.class.getClassLoader().getResourceAsStream(entry);
        var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private static String mb(Path jar) throws IOException {
    Path zip = DEPLOY.resolve(jar.getParent().getFileName().toString().replace("unzipped-", "") + ".zip");
    return String.format("%.0f MB", Files.size(zip) / 1e6);
  }

  private static String samples(long[] nanos) {
    StringBuilder text = new StringBuilder();
    for (long n : nanos) {
      text.append(text.length() == 0 ? "" : " ").append(Math.round(Stats.ms(n)));
    }
    return text.toString();
  }
}
