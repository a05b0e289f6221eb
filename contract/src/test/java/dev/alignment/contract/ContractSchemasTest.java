package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each command's schema states exactly the record's keys, its required ones, a description for each, and no others. */
class ContractSchemasTest {
  private static final Map<String, String> SCHEMAS = ContractSchemas.all();

  @ParameterizedTest
  @EnumSource(TrainerCommand.class)
  void schemaHasTheRecordsKeysAndRequiredKeys(TrainerCommand command) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SCHEMAS.get(command.command()));
    List<RecordComponent> components = RecordKeys.components(command.config());

    assertThat(schema.get("properties").propertyStream().map(Map.Entry::getKey))
        .containsExactlyInAnyOrderElementsOf(components.stream().map(RecordComponent::getName).toList())
        .contains("contractVersion", "stage", "namespace", "owner", "ownerKind", "outputDir", "checkpointEvery", "metricsPort");
    assertThat(schema.get("required").valueStream().map(JsonNode::asText))
        .containsExactlyInAnyOrderElementsOf(components.stream().filter(ContractSchemasTest::required)
            .map(RecordComponent::getName).toList());
    assertThat(schema.at("/properties/contractVersion/const").asInt()).isEqualTo(ContractVersion.CURRENT);
    assertThat(schema.has("allOf")).as("the header's keys stand in the closed object itself, not in an allOf part").isFalse();
  }

  @ParameterizedTest
  @EnumSource(TrainerCommand.class)
  void everyObjectIsClosedAndEveryKeyDescribed(TrainerCommand command) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SCHEMAS.get(command.command()));
    List<JsonNode> objects = new ArrayList<>(List.of(schema));
    schema.get("$defs").valueStream().filter(d -> d.has("properties")).forEach(objects::add);

    for (JsonNode object : objects) {
      assertThat(object.get("additionalProperties").asBoolean(true)).as("additionalProperties of %s", object).isFalse();
      object.get("properties").propertyStream().forEach(p ->
          assertThat(p.getValue().path("description").asText()).as("description of %s", p.getKey()).isNotBlank());
    }
  }

  private static boolean required(RecordComponent component) {
    return !component.getAccessor().isAnnotationPresent(OptionalKey.class)
        && !component.getDeclaringRecord().isAnnotationPresent(OptionalKey.class);
  }
}
