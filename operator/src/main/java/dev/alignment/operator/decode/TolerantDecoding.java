package dev.alignment.operator.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Jackson module that keeps one unreadable object from breaking a whole list or watch: an object of the given
 * kinds whose spec does not fit its Java type (a value the schema of an older CRD admitted, say) is read without
 * its spec (and, if need be, without its status), and why is recorded in {@link DecodeFailures}. Its reconciler
 * then fails just that object, while the informer keeps serving every other one.
 */
public final class TolerantDecoding extends SimpleModule {
  private static final int MAX_MESSAGE = 512;

  public TolerantDecoding(Set<Class<?>> kinds, DecodeFailures failures) {
    super("alignment-tolerant-decoding");
    setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
        return kinds.contains(description.getBeanClass())
            ? new Tolerant(description.getBeanClass(), deserializer, failures)
            : deserializer;
      }
    });
  }

  /** Reads the whole object; when that fails, reads it again without spec, then without status. */
  private static final class Tolerant extends StdDeserializer<Object> implements ResolvableDeserializer {
    private final JsonDeserializer<?> delegate;
    private final DecodeFailures failures;

    Tolerant(Class<?> kind, JsonDeserializer<?> delegate, DecodeFailures failures) {
      super(kind);
      this.delegate = delegate;
      this.failures = failures;
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
      if (delegate instanceof ResolvableDeserializer resolvable) {
        resolvable.resolve(context);
      }
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode tree = context.readTree(parser);
      if (!(tree instanceof ObjectNode object)) {
        return read(tree, parser, context);
      }
      String uid = tree.path("metadata").path("uid").asText(null);
      try {
        Object whole = read(object, parser, context);
        if (object.has("spec")) {
          failures.decoded(uid); // an object copied after its spec was dropped says nothing about the spec
        }
        return whole;
      } catch (JsonProcessingException e) {
        failures.failed(handledType().getSimpleName(), uid, describe(e));
        ObjectNode partial = object.deepCopy();
        partial.remove("spec");
        try {
          return read(partial, parser, context);
        } catch (JsonProcessingException statusToo) {
          partial.remove("status");
          return read(partial, parser, context);
        }
      }
    }

    private Object read(JsonNode tree, JsonParser parser, DeserializationContext context) throws IOException {
      try (JsonParser nodes = tree.traverse(parser.getCodec())) {
        nodes.nextToken();
        return delegate.deserialize(nodes, context);
      }
    }

    /** The field's path and Jackson's own words, e.g. {@code spec.checkpointEvery: Numeric value (...) out of range}. */
    private static String describe(JsonProcessingException e) {
      String path = e instanceof JsonMappingException mapping
          ? mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining(".")).replace(".[", "[")
          : "";
      String message = (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
      return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
    }
  }
}
