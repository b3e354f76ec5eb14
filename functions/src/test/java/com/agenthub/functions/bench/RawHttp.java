package com.agenthub.functions.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand, so each benchmark client owns exactly one keep-alive connection: request
 * bytes, and a scanner that tells when a response held in a buffer is complete.
 */
public final class RawHttp {

  private RawHttp() {}

  public static byte[] get(String host, String pathAndQuery, String bearer) {
    return bytes("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + bearer
        + "\r\n\r\n");
  }

  public static byte[] postJson(String host, String path, String bearer, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = bytes("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + bearer
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A complete response found at the start of a buffer. */
  public record Response(int status, int length, boolean close, String body) {}

  /**
   * The response at the start of {@code buf[0..len)}, or null while it is incomplete. Handles
   * Content-Length and chunked bodies (responses here are small: rescanning is cheap).
   */
  public static Response scan(byte[] buf, int len) {
    int headerEnd = indexOf(buf, 0, len, "\r\n\r\n");
    if (headerEnd < 0) {
      return null;
    }
    String head = new String(buf, 0, headerEnd, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IllegalStateException("not an HTTP/1.x response: " + lines[0]);
    }
    int status = Integer.parseInt(statusLine[1]);
    long contentLength = -1;
    boolean chunked = false;
    boolean close = statusLine[0].equals("HTTP/1.0");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
        default -> { }
      }
    }
    int bodyStart = headerEnd + 4;
    if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
      return new Response(status, bodyStart, close, "");
    }
    if (chunked) {
      StringBuilder body = new StringBuilder();
      int pos = bodyStart;
      while (true) {
        int lineEnd = indexOf(buf, pos, len, "\r\n");
        if (lineEnd < 0) {
          return null;
        }
        String sizeText = new String(buf, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
        int semicolon = sizeText.indexOf(';');
        int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
        pos = lineEnd + 2;
        if (size == 0) {
          // Trailers (none expected) end with an empty line.
          int end = indexOf(buf, pos - 2, len, "\r\n\r\n");
          return end < 0 ? null : new Response(status, end + 4, close, body.toString());
        }
        if (pos + size + 2 > len) {
          return null;
        }
        body.append(new String(buf, pos, size, StandardCharsets.UTF_8));
        pos += size + 2;
      }
    }
    if (contentLength < 0) {
      // Body delimited by the end of the connection: this client never needs that.
      throw new IllegalStateException("response without Content-Length or chunking: " + lines[0]);
    }
    if (bodyStart + contentLength > len) {
      return null;
    }
    return new Response(status, (int) (bodyStart + contentLength), close,
        new String(buf, bodyStart, (int) contentLength, StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] buf, int from, int len, String pattern) {
    outer:
    for (int i = Math.max(0, from); i <= len - pattern.length(); i++) {
      for (int j = 0; j < pattern.length(); j++) {
        if (buf[i + j] != pattern.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
