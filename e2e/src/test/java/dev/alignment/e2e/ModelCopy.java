package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs hack/model-to-workspace.sh and its Job's steps, and compares the model directories they write. */
final class ModelCopy {
  static final Path FIXTURES = Shell.ROOT.resolve("trainer-image/src/test/resources/hf");
  static final String SCRIPT = "hack/model-to-workspace.sh";
  static final String JOB_SCRIPT = "hack/model-to-workspace-job.sh";

  private ModelCopy() {}

  /** The script with {@code args}; returns its stdout, or throws with its exit code, stdout and stderr. */
  static String script(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(SCRIPT));
    command.addAll(List.of(args));
    return Shell.run(env, command, null);
  }

  /** One step of the Job, run here by sh as the Job's containers run it. */
  static String step(String... args) {
    List<String> command = new ArrayList<>(List.of("sh", JOB_SCRIPT));
    command.addAll(List.of(args));
    return Shell.run(Map.of(), command, null);
  }

  /** {@code actual} holds exactly the files of {@code expected}, byte for byte. */
  static void assertSameFiles(Path expected, Path actual) {
    assertThat(names(actual)).as("files in %s", actual).containsExactlyElementsOf(names(expected));
    for (String name : names(expected)) {
      assertThat(actual.resolve(name)).as("%s in %s", name, actual).hasSameBinaryContentAs(expected.resolve(name));
    }
  }

  /** Entries of {@code models} a copy of {@code name} leaves while it runs: {@code .<name>.partial-*} and {@code .old-*}. */
  static List<String> leftovers(Path models, String name) {
    return names(models).stream().filter(n -> n.startsWith("." + name + ".")).toList();
  }

  static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Copies the files of a fixture model into {@code target}, leaving out {@code except}. */
  static void copyFixture(String fixture, Path target, String... except) {
    try {
      Files.createDirectories(target);
      for (String name : names(FIXTURES.resolve(fixture))) {
        if (!List.of(except).contains(name)) {
          Files.copy(FIXTURES.resolve(fixture).resolve(name), target.resolve(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy fixture " + fixture + " to " + target, e);
    }
  }
}
