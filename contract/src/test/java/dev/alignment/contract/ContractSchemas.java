package dev.alignment.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.naming.CleanSchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.generator.naming.DefaultSchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Generates the JSON Schema (draft 2020-12) of each command's config and of the summary from the records. */
final class ContractSchemas {
  static final String SUMMARY = "summary";
  private static final String BASE_ID = "https://alignment.dev/contract/v" + ContractVersion.CURRENT + "/";
  private static final SchemaGenerator GENERATOR = generator();

  private ContractSchemas() {}

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(ContractJson.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule())
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.DEFINITIONS_FOR_ALL_OBJECTS);
    config.forTypesInGeneral().withDefinitionNamingStrategy(
        new CleanSchemaDefinitionNamingStrategy(new DefaultSchemaDefinitionNamingStrategy(), name -> name.replaceAll("[^A-Za-z0-9]+", "")));
    config.forFields().withRequiredCheck(field -> RequiredByDefault.required(field.getRawMember(), field.getDeclaringType().getErasedType()));
    // A runtime validating its input against the schema refuses another contract version as the reader does.
    config.forFields().withEnumResolver(field -> field.getName().equals("contractVersion") && !field.isFakeContainerItemScope()
        ? List.of(ContractVersion.CURRENT) : null);
    return new SchemaGenerator(config.build());
  }

  /** File name (without {@code .schema.json}) to schema text: one per command, and {@value #SUMMARY}. */
  static Map<String, String> all() {
    Map<String, String> schemas = new LinkedHashMap<>();
    for (TrainerCommand command : TrainerCommand.values()) {
      schemas.put(command.command(), generate(command.command(), command.config()));
    }
    schemas.put(SUMMARY, generate(SUMMARY, StageSummary.class));
    return schemas;
  }

  /**
   * Moves the keys victools puts in an {@code allOf} part for a {@code @JsonUnwrapped} component (the header, the policy pair, the rollout inputs) into the
   * object's own properties: with {@code additionalProperties: false} an allOf part's keys would be refused.
   */
  private static void inlineUnwrapped(ObjectNode schema) {
    JsonNode parts = schema.remove("allOf");
    if (parts == null) {
      return;
    }
    Map<String, JsonNode> properties = new TreeMap<>();
    Set<String> required = new TreeSet<>();
    List<JsonNode> objects = new ArrayList<>(List.of(schema));
    parts.forEach(part -> {
      inlineUnwrapped((ObjectNode) part);
      objects.add(part);
    });
    for (JsonNode object : objects) {
      object.get("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue()));
      object.path("required").forEach(r -> required.add(r.asText()));
    }
    schema.putObject("properties").setAll(properties);
    required.forEach(schema.putArray("required")::add);
  }

  private static String generate(String name, Class<?> type) {
    ObjectNode schema = GENERATOR.generateSchema(type);
    inlineUnwrapped(schema);
    ObjectNode out = schema.objectNode();
    out.put("$schema", schema.get("$schema").asText());
    out.put("$id", BASE_ID + name + ".schema.json");
    out.put("title", name);
    schema.remove("$schema");
    out.setAll(schema);
    try {
      return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
