package com.agenthub.shared.ingestion;

import com.agenthub.shared.messages.UndecodableMessageException;

/** Turns one topic's message format into warehouse rows. */
@FunctionalInterface
public interface MessageDecoder {
  DecodedMessage decode(byte[] data) throws UndecodableMessageException;
}
