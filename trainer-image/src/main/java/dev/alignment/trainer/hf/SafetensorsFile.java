package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@code .safetensors} file read into fp32 arrays, each tensor mapped from the file and copied (training updates
 * weights in place, and the mapping is read-only). The header is checked first (length within the file, valid JSON,
 * float dtypes, offsets inside the data) so a broken file gets an error naming it.
 * DJL creates F64/F32/F16 arrays itself; BF16 is widened to F32 here, because DJL 0.35.1's PyTorch engine aborts the
 * JVM on a BF16 buffer (so {@code NDList.decode}, which otherwise reads safetensors, cannot be used).
 */
final class SafetensorsFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FLOAT_TYPES = Set.of("F64", "F32", "F16", "BF16");
  private static final String METADATA = "__metadata__";

  private SafetensorsFile() {}

  /** Tensor name to fp32 array, in the header's order. */
  static Map<String, NDArray> read(NDManager manager, Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      long headerLength = headerLength(file, channel, fileSize);
      JsonNode header = header(file, channel, headerLength);
      long dataStart = 8 + headerLength;
      Map<String, NDArray> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : header.properties()) {
        if (!entry.getKey().equals(METADATA)) {
          out.put(entry.getKey(), tensor(manager, file, channel, entry.getKey(), entry.getValue(), dataStart, fileSize));
        }
      }
      return out;
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static long headerLength(Path file, FileChannel channel, long fileSize) throws IOException {
    if (fileSize < 8) {
      throw new BadInputException(file + ": " + fileSize + " bytes, too short for a safetensors header length");
    }
    ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    channel.read(bytes, 0);
    long length = bytes.getLong(0);
    if (length <= 0 || length > fileSize - 8) {
      throw new BadInputException(file + ": corrupt safetensors header: its length field says " + length
          + " bytes, longer than the file (" + fileSize + " bytes)");
    }
    return length;
  }

  private static JsonNode header(Path file, FileChannel channel, long length) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) length);
    channel.read(bytes, 8);
    JsonNode header;
    try {
      header = MAPPER.readTree(bytes.array());
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + ": invalid safetensors header JSON: " + e.getOriginalMessage(), e);
    }
    if (header == null || !header.isObject()) {
      throw new BadInputException(file + ": invalid safetensors header JSON: not an object");
    }
    return header;
  }

  private static NDArray tensor(NDManager manager, Path file, FileChannel channel, String name, JsonNode entry,
      long dataStart, long fileSize) throws IOException {
    String dtype = entry.path("dtype").asText("");
    if (!FLOAT_TYPES.contains(dtype)) {
      throw new BadInputException(file + ": tensor " + name + " has dtype \"" + dtype + "\"; expected one of "
          + FLOAT_TYPES.stream().sorted().toList());
    }
    JsonNode offsets = entry.path("data_offsets");
    JsonNode dims = entry.path("shape");
    if (!offsets.isArray() || offsets.size() != 2 || !dims.isArray()
        || offsets.get(0).asLong() > offsets.get(1).asLong() || dataStart + offsets.get(1).asLong() > fileSize) {
      throw new BadInputException(file + ": tensor " + name + " has a bad header entry " + entry
          + " (the data section holds " + (fileSize - dataStart) + " bytes)");
    }
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).asLong();
    }
    DataType type = DataType.fromSafetensors(dtype);
    long begin = offsets.get(0).asLong();
    long bytes = offsets.get(1).asLong() - begin;
    if (bytes != new Shape(shape).size() * type.getNumOfBytes()) {
      throw new BadInputException(file + ": tensor " + name + " has " + bytes + " bytes of data for shape "
          + new Shape(shape) + " of " + dtype);
    }
    ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (type == DataType.BFLOAT16) {
      return named(manager.create(widenBfloat16(data), new Shape(shape)), name);
    }
    // the array made from the mapping shares the file's read-only pages, so training in place needs a copy
    NDArray stored = manager.create(data, new Shape(shape), type);
    NDArray array = type == DataType.FLOAT32 ? stored.duplicate() : stored.toType(DataType.FLOAT32, false);
    stored.close();
    return named(array, name);
  }

  private static NDArray named(NDArray array, String name) {
    array.setName(name);
    return array;
  }

  /** bfloat16 is the top half of a float32: shifting its 16 bits up gives the same value exactly. */
  private static float[] widenBfloat16(ByteBuffer data) {
    float[] out = new float[data.remaining() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat((data.getShort() & 0xFFFF) << 16);
    }
    return out;
  }
}
