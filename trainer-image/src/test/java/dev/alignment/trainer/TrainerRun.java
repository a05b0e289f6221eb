package dev.alignment.trainer;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs one trainer stage in-process the way the container does, capturing exit code, output and termination log. */
public record TrainerRun(int exitCode, String stdout, String stderr, JsonObject summary) {
  private static final Gson GSON = new Gson();

  /** Writes {@code config}, completed for the contract ({@link ContractConfigs}), under {@code workDir} and runs {@code stage} on it. */
  public static TrainerRun stage(Path workDir, String stage, Map<String, Object> config) throws IOException {
    return command(workDir, stage, "--config", configFile(workDir, stage, config).toString());
  }

  /** Writes {@code config}, completed for the contract, to {@code workDir/<stage>-config.json}; returns that file. */
  public static Path configFile(Path workDir, String stage, Map<String, Object> config) throws IOException {
    Path configFile = workDir.resolve(stage + "-config.json");
    Files.createDirectories(workDir);
    Files.writeString(configFile, GSON.toJson(ContractConfigs.complete(stage, workDir, config)));
    return configFile;
  }

  public static TrainerRun command(Path workDir, String... args) throws IOException {
    Path terminationLog = workDir.resolve("termination-log-" + System.nanoTime());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Main(Map.of("ALIGNMENT_TERMINATION_LOG", terminationLog.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    JsonObject summary = Files.exists(terminationLog)
        ? JsonParser.parseString(Files.readString(terminationLog)).getAsJsonObject() : new JsonObject();
    return new TrainerRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), summary);
  }

  /**
   * Starts {@code stage} in a child JVM with the test classpath and one PyTorch thread (as the tests run), stdout and
   * stderr merged, for tests that kill it.
   */
  public static Process process(String stage, Path configFile) throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), stage, "--config", configFile.toString())
        .redirectErrorStream(true)
        .start();
  }

  public double metric(String name) {
    return summary.getAsJsonObject("metrics").get(name).getAsDouble();
  }

  public String output() {
    return summary.get("output").getAsString();
  }

  public String message() {
    return summary.get("message").getAsString();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
