package dev.alignment.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts and the real kubectl, failing with their output when they fail. */
public final class Shell {
  public static final Path ROOT = Path.of(System.getProperty("repo.root"));

  private Shell() {}

  /** Runs a command from the repository root; returns its stdout. */
  public static String run(Map<String, String> env, List<String> command, String stdin) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread drain = new Thread(() -> {
        try {
          process.getErrorStream().transferTo(stderr);
        } catch (IOException ignored) {
          // the process is gone; what was read is what there is
        }
      });
      drain.start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 20 minutes");
      }
      drain.join();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited " + process.exitValue() + "\n" + stdout + "\n" + stderr);
      }
      return stdout;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  public static String script(String... command) {
    return run(Map.of(), List.of(command), null);
  }

  public static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
