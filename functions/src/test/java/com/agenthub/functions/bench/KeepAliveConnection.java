package com.agenthub.functions.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** One blocking HTTP/1.1 keep-alive connection to 127.0.0.1: one request at a time. */
public final class KeepAliveConnection implements AutoCloseable {

  private final int port;
  private final int readTimeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private byte[] buf = new byte[8192];
  private int len;

  public KeepAliveConnection(int port, int readTimeoutMillis) throws IOException {
    this.port = port;
    this.readTimeoutMillis = readTimeoutMillis;
    connect();
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(readTimeoutMillis);
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    len = 0;
  }

  /** A load client on its own connection: each call sends the next request and expects {@code expectedStatus}. */
  public static LoadRunner.Client client(int port, java.util.function.Supplier<byte[]> request, int expectedStatus)
      throws IOException {
    KeepAliveConnection connection = new KeepAliveConnection(port, 30_000);
    return new LoadRunner.Client() {
      @Override
      public boolean call() throws Exception {
        return connection.exchange(request.get()).status() == expectedStatus;
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }

  /** Sends one request and reads its whole response; reconnects first if the server closed. */
  public RawHttp.Response exchange(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
      while (true) {
        RawHttp.Response response = RawHttp.scan(buf, len);
        if (response != null) {
          System.arraycopy(buf, response.length(), buf, 0, len - response.length());
          len -= response.length();
          if (response.close()) {
            close();
          }
          return response;
        }
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
          throw new IOException("connection closed before a complete response");
        }
        len += n;
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing: nothing to do.
      }
      socket = null;
    }
  }
}
