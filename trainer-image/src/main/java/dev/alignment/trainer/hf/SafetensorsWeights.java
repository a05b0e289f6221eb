package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.trainer.base.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Hugging Face directory's weights: {@code model.safetensors}, or the shards {@code model.safetensors.index.json}
 * names. Missing tensors, wrong shapes and tensors nothing took are collected and refused together by {@link #finish()}.
 */
public final class SafetensorsWeights implements WeightSource {
  public static final String SINGLE = "model.safetensors";
  public static final String INDEX = "model.safetensors.index.json";

  private final Path source;
  private final Map<String, NDArray> tensors;
  private final Map<String, Path> fileOf;
  private final Set<String> taken = new LinkedHashSet<>();
  /** Problems by the file they are in: a missing tensor is the index's (or the single file's) problem. */
  private final Map<Path, List<String>> problems = new LinkedHashMap<>();
  private final NDManager manager;

  private SafetensorsWeights(Path source, Map<String, NDArray> tensors, Map<String, Path> fileOf, NDManager manager) {
    this.source = source;
    this.tensors = tensors;
    this.fileOf = fileOf;
    this.manager = manager;
  }

  public static SafetensorsWeights open(NDManager manager, Path directory) {
    Path single = directory.resolve(SINGLE);
    if (Files.exists(single)) {
      Map<String, NDArray> tensors = SafetensorsFile.read(manager, single);
      Map<String, Path> fileOf = new LinkedHashMap<>();
      tensors.keySet().forEach(name -> fileOf.put(name, single));
      return new SafetensorsWeights(single, tensors, fileOf, manager);
    }
    Path index = directory.resolve(INDEX);
    if (!Files.exists(index)) {
      throw new BadInputException(directory + ": neither " + SINGLE + " nor " + INDEX + " found");
    }
    Map<String, Path> fileOf = new LinkedHashMap<>();
    Map<String, NDArray> tensors = readShards(manager, ConfigJson.read(index), fileOf);
    return new SafetensorsWeights(index, tensors, fileOf, manager);
  }

  /** Every shard's tensors; {@code fileOf} receives each tensor's shard. */
  private static Map<String, NDArray> readShards(NDManager manager, ConfigJson index, Map<String, Path> fileOf) {
    JsonNode map = index.require("weight_map");
    if (!map.isObject()) {
      throw index.problem("weight_map", "expected an object of tensor name to shard file");
    }
    Map<String, String> shardOf = new LinkedHashMap<>();
    map.properties().forEach(e -> shardOf.put(e.getKey(), e.getValue().asText()));
    Map<String, NDArray> all = new LinkedHashMap<>();
    for (String shard : new LinkedHashSet<>(shardOf.values())) {
      Path file = index.file().resolveSibling(shard);
      SafetensorsFile.read(manager, file).forEach((name, array) -> {
        if (!shard.equals(shardOf.get(name))) {
          throw new BadInputException(file + ": tensor " + name + " is not listed for this shard in " + index.file());
        }
        all.put(name, array);
        fileOf.put(name, file);
      });
    }
    shardOf.keySet().stream().filter(name -> !all.containsKey(name)).findFirst().ifPresent(name -> {
      throw new BadInputException(index.file() + ": tensor " + name + " is listed in shard " + shardOf.get(name)
          + " but that file does not hold it");
    });
    return all;
  }

  @Override
  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  /** The tensor, or (after recording the problem for {@link #finish()}) zeros of the expected shape. */
  @Override
  public NDArray take(String name, Parameter.Type type, Shape shape) {
    NDArray array = tensors.get(name);
    taken.add(name);
    if (array == null) {
      problem(source, "missing tensor " + name + " " + shape);
      return manager.zeros(shape);
    }
    if (!array.getShape().equals(shape)) {
      problem(fileOf.get(name),
          "tensor " + name + " has shape " + array.getShape() + ", expected " + shape + " from config.json");
      return manager.zeros(shape);
    }
    return array;
  }

  /** A tensor the model may ignore (a tied head's stored copy): not reported as unexpected. */
  void skip(String name) {
    taken.add(name);
    NDArray unused = tensors.get(name);
    if (unused != null) {
      unused.close();
    }
  }

  /** Refuses the checkpoint if any tensor was missing or misshapen, or the file holds tensors nothing took. */
  public void finish() {
    tensors.keySet().stream().filter(name -> !taken.contains(name))
        .forEach(name -> problem(fileOf.get(name), "unexpected tensor " + name));
    if (!problems.isEmpty()) {
      throw new BadInputException(problems.entrySet().stream()
          .map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
          .collect(Collectors.joining("; ")));
    }
  }

  private void problem(Path file, String problem) {
    problems.computeIfAbsent(file, f -> new ArrayList<>()).add(problem);
  }
}
