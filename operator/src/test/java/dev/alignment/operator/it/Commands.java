package dev.alignment.operator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's hack/ scripts and other commands the ITs run, their output returned and failures thrown. */
final class Commands {
  /** The repository's hack/ directory, beside the chart the failsafe configuration's CRDs belong to. */
  private static final Path HACK = Path.of(System.getProperty("crds.dir")).resolve("../../../hack").normalize();

  private Commands() {}

  /** The path of the hack/ script {@code name}. */
  static String script(String name) {
    return HACK.resolve(name).toString();
  }

  /** Runs {@code command}; its standard output, once it exited 0 within ten minutes. */
  static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /** The last line of a script's output, where the project's scripts print what they made. */
  static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
