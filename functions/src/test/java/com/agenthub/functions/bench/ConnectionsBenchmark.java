package com.agenthub.functions.bench;

import com.agenthub.functions.agents.GetAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (c) Many keep-alive connections against GetAgent served by the Invoker (what production runs):
 * opens {@code connections} sockets from one NIO selector, then for each round sends one request
 * on every connection at once and waits for all answers. Errors: failed connects, non-200s,
 * closed connections and answers missing at the round's time limit.
 */
public final class ConnectionsBenchmark {

  private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** Below the Invoker's accept backlog (50: Jetty's default), so no SYN is dropped and retried 1 s later. */
  private static final int MAX_PENDING_CONNECTS = 32;

  private final BenchEnvironment env;
  private final PrintStream out;
  private final int connections;
  private final int rounds;
  private final int warmupRounds;

  public ConnectionsBenchmark(BenchEnvironment env, PrintStream out, int connections, int rounds, int warmupRounds) {
    this.env = env;
    this.out = out;
    this.connections = connections;
    this.rounds = rounds;
    this.warmupRounds = warmupRounds;
  }

  /** One client connection and the response it is waiting for. */
  private static final class Conn {
    SocketChannel channel;
    SelectionKey key;
    ByteBuffer pendingWrite;
    byte[] buf = new byte[4096];
    int len;
    long sentAt;
    long connectNanos = -1;
    boolean waiting;
    boolean dead;
  }

  public void run() throws Exception {
    out.printf("%n== (c) %d concurrent keep-alive connections, GetAgent under the Invoker (separate JVM), "
        + "%d rounds of one request per connection, the first %d = warm-up) ==%n", connections, rounds, warmupRounds);
    out.printf("load average before: %s%n", Benchmarks.loadAverage());
    var log = env.workDir().resolve("invoker-GetAgent-connections.log");
    try (InvokerProcess invoker = InvokerProcess.start(GetAgent.class.getName(), env.functionEnvironment(), List.of(), log);
        Selector selector = Selector.open()) {
      byte[] request = RawHttp.get("127.0.0.1:" + invoker.port(), "/GetAgent?agent_id=" + env.agentId(), env.apiKey());
      InvokerProcess.FirstAnswer first = invoker.awaitFirstAnswer(request);
      if (first.response().status() != 200) {
        throw new IllegalStateException("GetAgent answered " + first.response().status() + ": " + first.response().body());
      }
      out.printf("Invoker pid %d on port %d (all interfaces; traffic to 127.0.0.1 only), first 200 after %.0f ms%n",
          invoker.pid(), invoker.port(), Stats.ms(first.answeredNanos()));

      long t0 = System.nanoTime();
      List<Conn> conns = open(selector, invoker.port());
      long openNanos = System.nanoTime() - t0;
      long open = conns.stream().filter(c -> !c.dead).count();
      long[] connects = conns.stream().filter(c -> !c.dead).mapToLong(c -> c.connectNanos).sorted().toArray();
      long slow = Arrays.stream(connects).filter(n -> n > TimeUnit.MILLISECONDS.toNanos(500)).count();
      out.printf("connections: %d opened, %d failed, in %.0f ms (<= %d connects in flight; connect p50 %.2f ms, "
          + "max %.0f ms, %d took > 500 ms, i.e. a SYN retried after the accept queue overflowed)%n", open,
          connections - open, Stats.ms(openNanos), MAX_PENDING_CONNECTS, Stats.ms(Stats.percentile(connects, 0.5)),
          Stats.ms(connects.length == 0 ? -1 : connects[connects.length - 1]), slow);

      out.printf("%-8s %6s %5s %8s %8s %8s %9s %8s %6s%n", "round", "sent", "err", "p50 ms", "p99 ms", "max ms",
          "round ms", "req/s", "open");
      long[] measured = new long[connections * rounds];
      int measuredCount = 0;
      int measuredErrors = 0;
      long measuredWall = 0;
      for (int round = 1; round <= rounds; round++) {
        long[] latencies = new long[connections];
        long start = System.nanoTime();
        int[] result = round(selector, conns, request, latencies); // {answered ok, errors, sent}
        long wall = System.nanoTime() - start;
        Stats stats = Stats.of(latencies, result[0], 0, wall);
        int errors = result[1] + (connections - result[2]);
        long stillOpen = conns.stream().filter(c -> !c.dead).count();
        out.printf("%-8s %6d %5d %8.1f %8.1f %8.1f %9.0f %8.0f %6d%n", round <= warmupRounds ? round + " (warm)" : Integer.toString(round),
            result[2], errors, stats.p50Ms(), stats.p99Ms(), stats.maxMs(), Stats.ms(wall), stats.perSecond(), stillOpen);
        if (round > warmupRounds) {
          System.arraycopy(latencies, 0, measured, measuredCount, result[0]);
          measuredCount += result[0];
          measuredErrors += errors;
          measuredWall += wall;
        }
      }
      out.printf("(err: requests of the round without a 200, including those of connections lost earlier; "
          + "open: connections still open after the round)%n");
      Stats all = Stats.of(Arrays.copyOf(measured, measuredCount), measuredCount, 0, measuredWall);
      out.printf("rounds %d-%d: %d answered 200, errors %d (goal 0: %s), p50 %.1f ms, p99 %.1f ms, max %.1f ms, %.0f req/s%n",
          warmupRounds + 1, rounds, measuredCount, measuredErrors, measuredErrors == 0 ? "MET" : "MISSED", all.p50Ms(), all.p99Ms(),
          all.maxMs(), all.perSecond());
      out.printf("load average after: %s%n", Benchmarks.loadAverage());
      for (Conn c : conns) {
        close(c);
      }
    }
  }

  private List<Conn> open(Selector selector, int port) throws IOException {
    List<Conn> conns = new ArrayList<>();
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    int started = 0;
    int pending = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((started < connections || pending > 0) && System.nanoTime() < deadline) {
      while (started < connections && pending < MAX_PENDING_CONNECTS) {
        Conn c = new Conn();
        conns.add(c);
        started++;
        try {
          c.channel = SocketChannel.open();
          c.channel.configureBlocking(false);
          c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          c.sentAt = System.nanoTime();
          if (c.channel.connect(address)) {
            c.connectNanos = System.nanoTime() - c.sentAt;
            c.key = c.channel.register(selector, 0, c);
          } else {
            c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            pending++;
          }
        } catch (IOException e) {
          c.dead = true;
          close(c);
        }
      }
      selector.select(100);
      for (SelectionKey key : selector.selectedKeys()) {
        Conn c = (Conn) key.attachment();
        if (key.isValid() && key.isConnectable()) {
          pending--;
          try {
            c.channel.finishConnect();
            c.connectNanos = System.nanoTime() - c.sentAt;
            key.interestOps(0);
          } catch (IOException e) {
            c.dead = true;
            close(c);
          }
        }
      }
      selector.selectedKeys().clear();
    }
    for (Conn c : conns) {
      if (!c.dead && !c.channel.isConnected()) {
        c.dead = true;
        close(c);
      }
    }
    return conns;
  }

  /** One request on every live connection at once; returns {answered 200, errors, sent}. */
  private int[] round(Selector selector, List<Conn> conns, byte[] request, long[] latencies) {
    int sent = 0;
    int errors = 0;
    int outstanding = 0;
    for (Conn c : conns) {
      if (c.dead) {
        continue;
      }
      c.pendingWrite = ByteBuffer.wrap(request);
      c.sentAt = System.nanoTime();
      c.waiting = true;
      c.len = 0;
      sent++;
      outstanding++;
      try {
        c.channel.write(c.pendingWrite);
        c.key.interestOps(c.pendingWrite.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
      } catch (IOException e) {
        errors++;
        outstanding--;
        fail(c);
      }
    }
    int ok = 0;
    long deadline = System.nanoTime() + ROUND_TIMEOUT_NANOS;
    ByteBuffer readBuffer = ByteBuffer.allocate(16384);
    while (outstanding > 0 && System.nanoTime() < deadline) {
      try {
        selector.select(100);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      for (SelectionKey key : selector.selectedKeys()) {
        Conn c = (Conn) key.attachment();
        if (!key.isValid() || !c.waiting) {
          continue;
        }
        try {
          if (key.isWritable()) {
            c.channel.write(c.pendingWrite);
            if (!c.pendingWrite.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          }
          if (key.isReadable()) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
              throw new IOException("closed by the server");
            }
            readBuffer.flip();
            if (c.len + n > c.buf.length) {
              c.buf = Arrays.copyOf(c.buf, Math.max(c.buf.length * 2, c.len + n));
            }
            readBuffer.get(c.buf, c.len, n);
            c.len += n;
            RawHttp.Response response = RawHttp.scan(c.buf, c.len);
            if (response != null) {
              long latency = System.nanoTime() - c.sentAt;
              c.waiting = false;
              outstanding--;
              key.interestOps(0);
              if (response.status() == 200) {
                latencies[ok++] = latency;
              } else {
                errors++;
              }
              if (response.close()) {
                fail(c);
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          errors++;
          outstanding--;
          fail(c);
        }
      }
      selector.selectedKeys().clear();
    }
    for (Conn c : conns) {
      if (c.waiting) {
        errors++; // no complete answer within the round's limit
        fail(c);
      }
    }
    return new int[] {ok, errors, sent};
  }

  private static void fail(Conn c) {
    c.waiting = false;
    c.dead = true;
    close(c);
  }

  private static void close(Conn c) {
    try {
      if (c.channel != null) {
        c.channel.close();
      }
    } catch (IOException ignored) {
      // Closing: nothing to do.
    }
  }
}
