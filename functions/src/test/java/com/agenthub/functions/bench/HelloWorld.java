package com.agenthub.functions.bench;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/** The cold-start baseline: the smallest HTTP function the Functions Framework can run. */
public final class HelloWorld implements HttpFunction {

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().write("hello, world\n");
  }
}
