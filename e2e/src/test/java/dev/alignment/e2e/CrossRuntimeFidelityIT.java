package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.e2e.conformance.TrainerImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Cross-runtime fidelity: the same DPO config on the same Hugging Face GPT-2 fixture and the same pairs gives, in the
 * reference (DJL) image (-Dreference.image, else built by hack/images.sh) and the TRL image (-Dtrl.image, else built by
 * hack/trl-image.sh), the step-1 loss ln 2 and the
 * same loss and rewards after the first optimizer step, within 1e-4. Each runtime reports a training stage's final
 * metrics as the mean of its last ten steps (RecentValues; the TRL runtime's progress means), at full precision in
 * the termination summary, so a 1-step run reports step 1 and a 2-step run the mean of steps 1 and 2: step 2 is
 * 2 * mean - step 1. Both draw each step's batch the same way (the reference's seeded draws with replacement).
 */
class CrossRuntimeFidelityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURE = Shell.ROOT.resolve("trainer-image/src/test/resources/hf/gpt2");
  private static final List<String> FIXTURE_FILES = List.of("config.json", "generation_config.json", "model.safetensors",
      "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json");
  /** Explicit prompts without a trailing space, completions with a leading one, all far shorter than the context. */
  private static final List<List<String>> PAIRS = List.of(
      List.of("The weather today is", " sunny and warm.", " cold and wet."),
      List.of("My favourite food is", " fresh bread.", " old cheese."),
      List.of("The river near the town", " flows gently.", " floods often."),
      List.of("A small model learns", " quickly from data.", " nothing at all."),
      List.of("The quick brown fox", " jumps over the dog.", " sleeps all day."),
      List.of("Owners in the cafe say", " the plans are good.", " the plans fail."),
      List.of("The train to the city", " arrives on time.", " is always late."),
      List.of("In the morning we", " drink coffee together.", " argue about work."));
  private static final List<String> COMPARED = List.of("loss", "rewards/chosen", "rewards/rejected", "rewards/margins");
  private static final double TOLERANCE = 1e-4;

  @TempDir Path workspace;

  @Test
  void dpoGivesTheSameFirstStepsOnBothRuntimes() throws IOException {
    writeInputs();
    String reference = image("reference.image", TrainerImages::reference);
    String trl = image("trl.image", () -> Shell.lastLine(Shell.script("hack/trl-image.sh")));

    Map<String, Double> referenceStep1 = run(reference, 1);
    Map<String, Double> trlStep1 = run(trl, 1);
    Map<String, Double> referenceStep2 = secondStep(referenceStep1, run(reference, 2));
    Map<String, Double> trlStep2 = secondStep(trlStep1, run(trl, 2));

    double ln2 = Math.log(2);
    assertThat(referenceStep1.get("loss")).as("reference step-1 loss").isCloseTo(ln2, within(1e-6));
    assertThat(trlStep1.get("loss")).as("TRL step-1 loss").isCloseTo(ln2, within(1e-6));
    for (String name : COMPARED) {
      assertThat(trlStep2.get(name)).as("step-2 %s: TRL %s vs reference %s", name, trlStep2, referenceStep2)
          .isNotNull().isCloseTo(referenceStep2.get(name), within(TOLERANCE));
    }
    // The first update moved the policy: step 2 is a real comparison, not ln 2 again.
    assertThat(Math.abs(referenceStep2.get("rewards/margins"))).as("reference step-2 margin").isGreaterThan(100 * TOLERANCE);
  }

  private static String image(String property, Supplier<String> build) {
    String given = System.getProperty(property, "");
    return given.isBlank() ? build.get() : given;
  }

  /** Step 2's values from the 1-step summary (step 1) and the 2-step one (the mean of steps 1 and 2). */
  private static Map<String, Double> secondStep(Map<String, Double> step1, Map<String, Double> meanOfTwo) {
    return COMPARED.stream().collect(Collectors.toMap(n -> n, n -> 2 * meanOfTwo.get(n) - step1.get(n)));
  }

  /** Runs the dpo stage of {@code steps} steps on {@code image}; returns its summary's metrics. */
  private Map<String, Double> run(String image, int steps) throws IOException {
    String name = image.replaceAll("[^A-Za-z0-9]", "-") + "-" + steps;
    ObjectNode config = JSON.createObjectNode()
        .put("contractVersion", 1).put("stage", "dpo").put("namespace", "fidelity").put("owner", name)
        .put("ownerKind", "AlignmentRun").put("outputDir", "/workspace/out/" + name).put("checkpointEvery", 50)
        .put("metricsPort", -1).put("dataset", "file:///workspace/data/validated").put("loss", "DPO")
        .put("beta", 0.1).put("labelSmoothing", 0.0);
    for (String role : List.of("policy", "reference")) {
      config.putObject(role).put("uri", "file:///workspace/models/gpt2").put("tokenizer", "builtin://words")
          .put("overlong", "reject");
    }
    config.putObject("training").put("steps", steps).put("batchSize", 4).put("learningRate", 0.001)
        .put("maxGradNorm", 1.0).put("seed", 0);
    Path configFile = write("config/" + name + ".json", config.toPrettyString());
    Path terminationLog = write("logs/" + name + ".json", "");
    try (GenericContainer<?> trainer = new GenericContainer<>(DockerImageName.parse(image))
        .withImagePullPolicy(i -> false) // built locally; there is no registry to pull from
        .withFileSystemBind(workspace.toString(), "/workspace", BindMode.READ_WRITE)
        .withCommand("dpo", "--config", "/workspace/config/" + name + ".json")
        .withEnv(Map.of("ALIGNMENT_TERMINATION_LOG", "/workspace/logs/" + name + ".json", "OMP_NUM_THREADS", "1"))
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(5)))) {
      trainer.start();
    } catch (RuntimeException e) {
      throw new AssertionError(image + " failed the dpo stage on " + Files.readString(configFile) + "\nsummary: "
          + Files.readString(terminationLog), e);
    }
    JsonNode metrics = JSON.readTree(terminationLog.toFile()).path("metrics");
    return COMPARED.stream().filter(metrics::has).collect(Collectors.toMap(n -> n, n -> metrics.get(n).asDouble()));
  }

  /** The fixture model, the pairs as a validated dataset (train.jsonl, empty validation.jsonl), all writable by any uid. */
  private void writeInputs() throws IOException {
    for (String file : FIXTURE_FILES) {
      Path target = workspace.resolve("models/gpt2/" + file);
      Files.createDirectories(target.getParent());
      Files.copy(FIXTURE.resolve(file), target);
    }
    StringBuilder train = new StringBuilder();
    for (List<String> pair : PAIRS) {
      train.append(JSON.writeValueAsString(Map.of("prompt", pair.get(0), "chosen", pair.get(1), "rejected", pair.get(2))))
          .append('\n');
    }
    write("data/validated/train.jsonl", train.toString());
    write("data/validated/validation.jsonl", "");
    Files.createDirectories(workspace.resolve("out"));
    try (Stream<Path> all = Files.walk(workspace)) {
      all.forEach(CrossRuntimeFidelityIT::openUp);
    }
  }

  private Path write(String relative, String content) throws IOException {
    Path file = workspace.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    for (Path p = file; !p.equals(workspace.getParent()); p = p.getParent()) {
      openUp(p);
    }
    return file;
  }

  private static void openUp(Path path) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open up " + path, e);
    }
  }
}
