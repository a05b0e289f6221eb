package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a {@link StageSummary} leniently, unlike configs: the summary is output of any runtime, and a key this contract
 * does not know, a null, or a metric that is not a finite number (Python's json writes NaN) must not cost the stage
 * its output and other metrics. Unknown keys and nulls are ignored, such metrics dropped.
 */
public final class SummaryReader {
  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .addModule(new SimpleModule().addDeserializer(Double.class, new FiniteOrNull()))
      .withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.SKIP)))
      .build();

  private SummaryReader() {}

  /** The summary in {@code json}; a {@link ContractException} when it is not a JSON object of the summary's shape. */
  public static StageSummary read(String json) {
    try {
      return LENIENT.readValue(json, StageSummary.class);
    } catch (JacksonException e) {
      throw new ContractException("not a stage summary: " + e.getOriginalMessage(), e);
    }
  }

  /** A finite number, or null (then skipped) for anything else. */
  private static final class FiniteOrNull extends StdDeserializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (p.currentToken().isNumeric()) {
        double value = p.getDoubleValue();
        return Double.isFinite(value) ? value : null;
      }
      p.skipChildren();
      return null;
    }
  }
}
