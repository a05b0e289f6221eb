package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes fp32 tensors as one {@code .safetensors} file the way the Python library does: an 8-byte little-endian
 * header length, a JSON header with {@code __metadata__ {"format": "pt"}} and each tensor's dtype, shape and
 * contiguous data offsets in name order, padded with spaces to 8 bytes, then the raw little-endian data. (DJL's own
 * encoder, {@code NDList.encode(SAFETENSORS)}, writes no {@code __metadata__}, which transformers checks for.)
 */
final class SafetensorsWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SafetensorsWriter() {}

  static void write(Path file, Map<String, NDArray> tensors) throws IOException {
    Map<String, NDArray> sorted = new TreeMap<>(tensors);
    ObjectNode header = MAPPER.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    long offset = 0;
    for (Map.Entry<String, NDArray> entry : sorted.entrySet()) {
      ObjectNode tensor = header.putObject(entry.getKey());
      tensor.put("dtype", "F32");
      long[] shape = entry.getValue().getShape().getShape();
      var dims = tensor.putArray("shape");
      for (long dim : shape) {
        dims.add(dim);
      }
      long end = offset + entry.getValue().size() * Float.BYTES;
      tensor.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = MAPPER.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeFully(channel, prefix.flip());
      for (NDArray array : sorted.values()) {
        float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
        ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        writeFully(channel, data);
      }
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
