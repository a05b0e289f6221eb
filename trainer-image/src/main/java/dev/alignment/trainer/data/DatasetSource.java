package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.sim.BuiltinDataset;
import dev.alignment.trainer.sim.SentimentCorpus;
import dev.alignment.trainer.storage.S3Access;
import dev.alignment.trainer.storage.S3Uri;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens a dataset's lines from {@code builtin://sentiment/...}, {@code file://} (under the stage's workspace root, see
 * {@link Uris}), {@code http(s)://} (under the operator's http policy, see {@link HttpFetch}) or {@code s3://},
 * streamed.
 */
public final class DatasetSource {
  private DatasetSource() {}

  public static SourceLines open(String uri) throws IOException {
    if (BuiltinDataset.matches(uri)) {
      byte[] text = String.join("\n", builtin(BuiltinDataset.parse(uri))).getBytes(StandardCharsets.UTF_8);
      return new SourceLines(uri, new ByteArrayInputStream(text));
    }
    if (S3Uri.matches(uri)) {
      return new SourceLines(uri, S3Access.open(uri));
    }
    if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
      return new SourceLines(uri, HttpFetch.ofStage().open(uri));
    }
    return file(Uris.path(uri, "dataset"));
  }

  /** A local file; one that is missing, a directory or unreadable for its permissions is bad input. */
  public static SourceLines file(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new BadInputException(file + ": is a directory, not a JSON Lines file");
    }
    try {
      return new SourceLines(file.toString(), Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": dataset file not found");
    } catch (AccessDeniedException e) {
      throw new BadInputException(file + ": permission denied");
    }
  }

  /** The built-in data as the JSON Lines a user would supply, so it takes the same validation path. */
  private static List<String> builtin(BuiltinDataset d) {
    SentimentCorpus corpus = new SentimentCorpus();
    return switch (d.kind()) {
      case "sft" -> corpus.demonstrations(d.count(), d.seed()).stream().map(Json.GSON::toJson).toList();
      case "prompts" -> corpus.prompts(d.count(), d.seed()).stream().map(p -> Json.GSON.toJson(Map.of("prompt", p))).toList();
      default -> corpus.preferences(d.count(), d.noise(), d.seed()).stream().map(Json.GSON::toJson).toList();
    };
  }
}
