package com.agenthub.functions.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.local.FunctionCatalog;
import com.google.gson.JsonElement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The embedding model as Terraform deploys it, evaluated by Terraform itself: MiniLM by default
 * (vector indexes of 384 dimensions, no Vertex AI), and with {@code embeddings.provider = "vertex"}
 * the functions get its settings, the vector indexes its dimension, Vertex AI is enabled and only
 * the groups whose functions embed may call it.
 */
class EmbeddingsInfrastructureTest {

  private static final String VECTOR_INDEX = "google_firestore_index.vector";
  private static final String VERTEX_GRANT = "google_project_iam_member.vertex_ai_user";
  private static final String SERVICES = "google_project_service.enabled";

  private static TerraformModel model(Map<String, String> extra) {
    Map<String, String> variables = new java.util.HashMap<>(InfrastructureConsistencyTest.VARIABLES);
    variables.putAll(extra);
    return new TerraformModel(Repository.ROOT, variables);
  }

  private static Set<Integer> vectorDimensions(TerraformModel terraform) {
    return terraform.values(terraform.instances(terraform.resource(VECTOR_INDEX)), "fields", "vector_config", "dimension")
        .values().stream().map(JsonElement::getAsInt).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> environmentValues(TerraformModel terraform, String variable) {
    return terraform.values(terraform.instances(terraform.resource(InfrastructureChecks.FUNCTION)), "service_config",
        "environment_variables").values().stream().map(env -> env.getAsJsonObject().get(variable).getAsString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> keys(TerraformModel terraform, String resource) {
    return terraform.instances(terraform.resource(resource)).stream().map(TerraformModel.Instance::key)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void miniLmIsTheDefaultWithVectorIndexesOfItsDimensionAndNoVertexAi() {
    TerraformModel terraform = model(Map.of());

    assertEquals(Set.of("minilm"), environmentValues(terraform, "EMBEDDINGS_PROVIDER"));
    assertEquals(Set.of(384), vectorDimensions(terraform));
    assertEquals(Set.of(), keys(terraform, VERTEX_GRANT));
    assertFalse(keys(terraform, SERVICES).contains("aiplatform.googleapis.com"));
  }

  @Test
  void vertexPassesItsSettingsSizesTheVectorIndexesAndGrantsOnlyTheGroupsThatEmbed() {
    TerraformModel terraform = model(Map.of("embeddings",
        "{ provider = \"vertex\", model = \"gemini-embedding-001\", dimensions = 1536 }", "region", "europe-west1"));

    assertEquals(Set.of("vertex"), environmentValues(terraform, "EMBEDDINGS_PROVIDER"));
    assertEquals(Set.of("gemini-embedding-001"), environmentValues(terraform, "VERTEX_EMBEDDING_MODEL"));
    assertEquals(Set.of("1536"), environmentValues(terraform, "VERTEX_EMBEDDING_DIMENSIONS"));
    assertEquals(Set.of("europe-west1"), environmentValues(terraform, "VERTEX_LOCATION"), "the functions' region by default");
    assertEquals(Set.of(1536), vectorDimensions(terraform));
    assertTrue(keys(terraform, SERVICES).contains("aiplatform.googleapis.com"));

    Set<String> embeddingGroups = FunctionCatalog.load().functions().stream().filter(e -> e.needs().contains("embeddings"))
        .map(FunctionCatalog.Entry::group).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(embeddingGroups.isEmpty());
    assertEquals(embeddingGroups, keys(terraform, VERTEX_GRANT));
    TerraformModel.Instance grant = terraform.instances(terraform.resource(VERTEX_GRANT)).get(0);
    assertEquals("roles/aiplatform.user", terraform.value(grant, "role").getAsString());
  }
}
