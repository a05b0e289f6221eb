package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.model.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PEFT LoRA adapter directory: {@code adapter_config.json} and {@code adapter_model.safetensors} with tensors
 * {@code base_model.model.<module path>.lora_A.weight} (rank, in) and {@code ...lora_B.weight} (out, rank).
 */
public final class PeftAdapterDirectory {
  static final String CONFIG = "adapter_config.json";
  static final String WEIGHTS = "adapter_model.safetensors";
  private static final String PREFIX = "base_model.model.";

  private PeftAdapterDirectory() {}

  /** Attaches the directory's adapters to the model (base frozen); every problem names the file and key/tensor. */
  public static void load(HfModel model, Path directory, NDManager manager) {
    ConfigJson config = ConfigJson.read(directory.resolve(CONFIG));
    config.refuseUnless(config.requireString("peft_type").equals("LORA"), "peft_type", "only LORA is supported");
    config.refuseUnless(!config.optBoolean("use_dora", false), "use_dora", "DoRA is not supported");
    config.refuseUnless(!config.optBoolean("use_rslora", false), "use_rslora", "rank-stabilised LoRA is not supported");
    config.refuseUnless(config.optString("bias").orElse("none").equals("none"), "bias", "only \"none\" is supported");
    for (String key : List.of("rank_pattern", "alpha_pattern")) {
      config.refuseUnless(!config.has(key) || config.root().get(key).isEmpty(), key,
          "per-module ranks are not supported");
    }
    JsonNode modules = config.require("target_modules");
    config.refuseUnless(modules.isArray(), "target_modules", "expected a list of module names, found " + modules);
    List<String> targetModules = new ArrayList<>();
    modules.forEach(module -> targetModules.add(module.asText()));
    LoraSettings settings = new LoraSettings(config.requireInt("r"), config.requireDouble("lora_alpha"),
        config.optDouble("lora_dropout", 0), targetModules);

    Path file = directory.resolve(WEIGHTS);
    Map<String, NDArray> tensors = new LinkedHashMap<>(SafetensorsFile.read(manager, file));
    List<String> problems = new ArrayList<>();
    List<Runnable> attachments = new ArrayList<>();
    for (LoraTarget target : LoraTarget.find(model, targetModules)) {
      String module = PREFIX + target.modulePath();
      NDArray a = take(tensors, module + ".lora_A.weight", new Shape(settings.rank(), target.in()), problems);
      NDArray b = take(tensors, module + ".lora_B.weight", new Shape(target.out(), settings.rank()), problems);
      attachments.add(() -> model.attachLora(target, a, b, settings));
    }
    tensors.keySet().forEach(name -> problems.add("unexpected tensor " + name));
    if (!problems.isEmpty()) {
      throw new BadInputException(file + ": " + String.join("; ", problems));
    }
    attachments.forEach(Runnable::run);
  }

  private static NDArray take(Map<String, NDArray> tensors, String name, Shape shape, List<String> problems) {
    NDArray array = tensors.remove(name);
    if (array == null) {
      problems.add("missing tensor " + name + " " + shape);
    } else if (!array.getShape().equals(shape)) {
      problems.add("tensor " + name + " has shape " + array.getShape() + ", expected " + shape);
    }
    return array;
  }

  /** The base model a PEFT directory names ({@code base_model_name_or_path}), a directory on this filesystem. */
  public static Path base(Path directory) {
    ConfigJson config = ConfigJson.read(directory.resolve(CONFIG));
    Path base = Path.of(config.requireString("base_model_name_or_path"));
    config.refuseUnless(base.isAbsolute() && Files.isRegularFile(base.resolve(HfConfig.FILE)),
        "base_model_name_or_path", "\"" + base + "\" is not a model directory here (no config.json)");
    return base;
  }

  /** Whether a directory is a PEFT adapter directory. */
  public static boolean isAdapter(Path directory) {
    return Files.isRegularFile(directory.resolve(CONFIG));
  }

  /** Writes the model's adapters as a PEFT directory, {@code target} not existing yet. */
  public static void save(HfModel model, Path target) {
    write(model, target, false);
  }

  /** Writes the model's adapters as a PEFT directory, replacing {@code target} whole if it exists. */
  public static void replace(HfModel model, Path target) {
    write(model, target, true);
  }

  private static void write(HfModel model, Path target, boolean replace) {
    LoraSettings settings = model.lora().settings();
    if (settings == null) {
      throw new IllegalStateException("the model has no LoRA adapters to save");
    }
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    model.lora().byName().values().forEach(adapter -> {
      tensors.put(PREFIX + adapter.a().getName(), adapter.a().getArray());
      tensors.put(PREFIX + adapter.b().getName(), adapter.b().getArray());
    });
    ObjectNode config = HfDirectoryWriter.MAPPER.createObjectNode();
    config.put("peft_type", "LORA");
    config.put("task_type", model.config().task() == HfTask.CAUSAL_LM ? "CAUSAL_LM" : "SEQ_CLS");
    config.put("base_model_name_or_path", model.files().origin().toAbsolutePath().toString());
    config.put("r", settings.rank());
    config.put("lora_alpha", settings.alpha());
    config.put("lora_dropout", settings.dropout());
    settings.targetModules().forEach(config.putArray("target_modules")::add);
    config.put("fan_in_fan_out", model.config() instanceof Gpt2Config);
    config.put("bias", "none");
    config.put("inference_mode", true);
    config.put("init_lora_weights", true);
    config.put("use_rslora", false);
    config.put("use_dora", false);
    config.putNull("modules_to_save");
    try {
      AtomicDirectory.Contents contents = directory -> {
        HfDirectoryWriter.MAPPER.writeValue(directory.resolve(CONFIG).toFile(), config);
        SafetensorsWriter.write(directory.resolve(WEIGHTS), tensors);
      };
      if (replace) {
        AtomicDirectory.write(target, contents);
      } else {
        AtomicDirectory.writeNew(target, contents);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the directory " + target + ": " + e.getMessage(), e);
    }
  }
}
