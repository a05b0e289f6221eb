package dev.alignment.trainer.data;

import dev.alignment.trainer.BadInputException;
import dev.alignment.trainer.Json;
import dev.alignment.trainer.sim.BuiltinDataset;
import dev.alignment.trainer.sim.SentimentCorpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads a dataset's lines from {@code builtin://sentiment/...}, {@code file://} or {@code http(s)://}. */
public final class DatasetSource {
  private DatasetSource() {}

  public static SourceLines read(String uri) throws IOException {
    if (BuiltinDataset.matches(uri)) {
      return new SourceLines(uri, builtin(BuiltinDataset.parse(uri)));
    }
    if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
      return new SourceLines(uri, download(uri));
    }
    Path file = Uris.path(uri, "dataset");
    try {
      return new SourceLines(file.toString(), Files.readAllLines(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": dataset file not found");
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

  private static List<String> download(String uri) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        throw new BadInputException(uri + ": not found (HTTP 404)");
      }
      if (response.statusCode() != 200) {
        throw new IOException(uri + ": HTTP " + response.statusCode());
      }
      return response.body().lines().toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + uri, e);
    }
  }
}
