package com.agenthub.functions;

import com.agenthub.shared.http.HttpEndpoint;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/** An HTTP function that is one {@link HttpEndpoint}: the shared conventions around one handler. */
public abstract class EndpointFunction implements HttpFunction {

  private final HttpEndpoint endpoint;

  protected EndpointFunction(HttpEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** What the endpoint declares: its name, method and the scope an organization key needs. */
  public final HttpEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public final void service(HttpRequest request, HttpResponse response) {
    endpoint.serve(request, response);
  }
}
