package com.agenthub.shared.conversations;

import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Conversations of an organization's agents: create, read, list (newest first), close, delete.
 * A conversation belongs to a live agent of the organization; once its agent is deleted it answers
 * 404 like a missing one. Creating one counts it on the agent's {@code conversations} counter in
 * the same commit.
 */
public final class Conversations {


  private final DocumentStore store;
  private final Agents agents;
  private final AgentCounters counters;
  private final Clock clock;
  private final Pager pager;

  public Conversations(DocumentStore store, Agents agents, AgentCounters counters, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.counters = counters;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  /** What {@link #create} did: a new conversation, or the existing one its client-chosen id already named. */
  public record Created(Conversation conversation, boolean created) {}

  public Created create(String organizationId, NewConversation request) {
    agents.get(organizationId, com.agenthub.shared.ids.ClientIds.require("agent_id", request.agentId()));
    return com.agenthub.shared.ids.ClientIds.createOrFind(request.id().isPresent(), () -> existing(organizationId, request),
        () -> createNew(organizationId, request));
  }

  private Created createNew(String organizationId, NewConversation request) {
    String id = request.id().orElseGet(Ids::newId);
    DocumentPath path = ConversationPaths.conversation(organizationId, id);
    Instant now = Timestamps.now(clock);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", organizationId);
    data.put("agent_id", request.agentId());
    data.put("user_id", request.userId().orElse(null));
    data.put("title", request.title().orElse(null));
    data.put("metadata", request.metadata());
    data.put("status", ConversationStatus.OPEN.wire());
    data.put("last_sequence", 0L);
    data.put("tokens_in", 0L);
    data.put("tokens_out", 0L);
    data.put("created_at", now);
    data.put("updated_at", now);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(path, data));
    writes.add(ConversationDocuments.changeRecord(Change.CREATED, data, now));
    writes.addAll(counters.incrementWrites(organizationId, request.agentId(), Map.of("conversations", 1L), now));
    Version version = store.commit(writes).get(0);
    return new Created(ConversationDocuments.conversation(new StoredDocument(path, data, version)), true);
  }

  /** The conversation a client-chosen id already names: the same one again, or a conflict. */
  private Optional<Created> existing(String organizationId, NewConversation request) {
    String id = request.id().orElseThrow();
    List<Optional<StoredDocument>> found = store.getAll(List.of(
        ConversationPaths.conversation(organizationId, id), ConversationPaths.deletedConversation(organizationId, id)));
    if (found.get(1).isPresent()) {
      throw ApiError.withField(ErrorKind.CONFLICT, "id", "a conversation with this id was deleted; ids are not reused");
    }
    if (found.get(0).isEmpty()) {
      return Optional.empty();
    }
    Conversation conversation = ConversationDocuments.conversation(found.get(0).get());
    boolean same = conversation.agentId().equals(request.agentId())
        && conversation.userId().equals(request.userId())
        && conversation.title().equals(request.title())
        && Objects.equals(conversation.metadata(), request.metadata());
    if (!same) {
      throw NewConversation.differs();
    }
    return Optional.of(new Created(conversation, false));
  }

  public Conversation get(String organizationId, String conversationId) {
    return ConversationDocuments.conversation(load(organizationId, conversationId));
  }

  public Page<Conversation> list(String organizationId, ConversationFilter filter, PageRequest page) {
    Query query = Query.all(ConversationPaths.conversations(organizationId), 1);
    if (filter.agentId().isPresent()) {
      agents.get(organizationId, com.agenthub.shared.ids.ClientIds.require("agent_id", filter.agentId().get()));
      query = query.where("agent_id", filter.agentId().get());
    }
    if (filter.userId().isPresent()) {
      query = query.where("user_id", filter.userId().get());
    }
    if (filter.status().isPresent()) {
      query = query.where("status", filter.status().get().wire());
    }
    Page<Conversation> found = pager.page(query.orderBy("created_at", Query.Direction.DESCENDING), page)
        .map(ConversationDocuments::conversation);
    if (filter.agentId().isPresent() || found.items().isEmpty()) {
      return found;
    }
    // A deleted agent's conversations are out of reach: left out here as GetConversation answers 404 for them.
    // The page may then hold fewer than page_size items; its token still continues after the last one read.
    Set<String> live = agents.existing(organizationId, found.items().stream().map(Conversation::agentId).toList());
    return new Page<>(found.items().stream().filter(c -> live.contains(c.agentId())).toList(), found.nextPageToken());
  }

  /** Closes an open conversation: it keeps its messages and takes no more. Closing is final (409 when closed). */
  public Conversation close(String organizationId, String conversationId, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, conversationId);
      OptimisticWrites.requireMatch(current, ifMatch, "conversation");
      if (!ConversationStatus.OPEN.wire().equals(current.string("status"))) {
        throw ApiError.withField(ErrorKind.CONFLICT, "conversation_id", "the conversation is already closed");
      }
      Instant now = Timestamps.now(clock);
      Map<String, Object> fields = Map.of("status", ConversationStatus.CLOSED.wire(), "closed_at", now, "updated_at", now);
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      try {
        Version version = store.commit(List.of(
            Write.update(current.path(), fields, Optional.of(current.version())),
            ConversationDocuments.changeRecord(Change.CLOSED, merged, now))).get(0);
        return ConversationDocuments.conversation(new StoredDocument(current.path(), merged, version));
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "conversation");
      }
    }
  }

  /**
   * Moves the conversation to the organization's archive: gone from gets and lists (and its
   * messages with it), its record kept. Its messages stay stored until their retention ends.
   */
  public void delete(String organizationId, String conversationId, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, conversationId);
      OptimisticWrites.requireMatch(current, ifMatch, "conversation");
      Instant now = Timestamps.now(clock);
      Map<String, Object> archived = new LinkedHashMap<>(current.data());
      archived.put("deleted_at", now);
      try {
        store.commit(List.of(
            Write.delete(current.path(), Optional.of(current.version())),
            Write.set(ConversationPaths.deletedConversation(organizationId, conversationId), archived),
            ConversationDocuments.changeRecord(Change.DELETED, current.data(), now)));
        return;
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "conversation");
      }
    }
  }

  /** The conversation's document, if it and its agent exist in the organization; else 404. */
  StoredDocument load(String organizationId, String conversationId) {
    StoredDocument conversation = store.get(ConversationPaths.conversation(organizationId,
            ConversationIds.require("conversation_id", conversationId)))
        .orElseThrow(() -> ApiError.notFound("conversation"));
    requireLiveAgent(organizationId, conversation);
    return conversation;
  }

  /** A deleted agent takes its conversations out of reach: they answer like missing ones. */
  void requireLiveAgent(String organizationId, StoredDocument conversation) {
    try {
      agents.get(organizationId, conversation.string("agent_id"));
    } catch (ApiError e) {
      throw e.kind() == ErrorKind.NOT_FOUND ? ApiError.notFound("conversation") : e;
    }
  }

}
