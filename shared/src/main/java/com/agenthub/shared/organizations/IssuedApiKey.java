package com.agenthub.shared.organizations;

/** A freshly issued key: the only moment its secret exists outside the caller's hands. */
public record IssuedApiKey(ApiKey key, String secret) {}
