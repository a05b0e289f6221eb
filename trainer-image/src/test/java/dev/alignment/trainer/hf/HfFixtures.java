package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The committed Hugging Face fixtures (src/test/resources/hf, see its README) and their reference outputs. */
final class HfFixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HfFixtures() {}

  static Path dir(String fixture) {
    try {
      return Path.of(HfFixtures.class.getResource("/hf/" + fixture).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode reference(String fixture) {
    try {
      return MAPPER.readTree(dir(fixture).resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, NDArray> referenceTensors(NDManager manager, String fixture) {
    return SafetensorsFile.read(manager, dir(fixture).resolve("reference.safetensors"));
  }

  /** The fixture's reference batch: input ids and attention mask, each (B, T). */
  static Batch batch(NDManager manager, String fixture) {
    JsonNode batch = reference(fixture).get("batch");
    return new Batch(
        manager.create(matrix(batch.get("input_ids"))), manager.create(matrix(batch.get("attention_mask"))));
  }

  /** A batch of ids and its attention mask. */
  record Batch(NDArray ids, NDArray mask) {}

  static long[][] matrix(JsonNode rows) {
    long[][] out = new long[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      out[r] = ids(rows.get(r));
    }
    return out;
  }

  static long[] ids(JsonNode list) {
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).asLong();
    }
    return out;
  }

  static List<Integer> intList(JsonNode list) {
    List<Integer> out = new ArrayList<>();
    list.forEach(id -> out.add(id.asInt()));
    return out;
  }

  /** max |a - b| over the positions where mask (B, T) is 1; a and b (B, T, ...). */
  static double maxAbsDiff(NDArray a, NDArray b, NDArray mask) {
    NDArray difference = a.sub(b).abs();
    NDArray keep = mask.toType(a.getDataType(), false);
    while (keep.getShape().dimension() < difference.getShape().dimension()) {
      keep = keep.expandDims(-1);
    }
    return difference.mul(keep).max().toType(DataType.FLOAT64, false).getDouble();
  }
}
