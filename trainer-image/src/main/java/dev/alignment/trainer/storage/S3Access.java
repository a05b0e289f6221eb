package dev.alignment.trainer.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The stage's way to {@code s3://} URIs. The trainer runs one stage per process: {@code Main} sets the settings and
 * where models are fetched to before the stage, and closes the client after it; the client is made on first use.
 */
public final class S3Access {
  /** Under the stage's outputDir: fetched models stay beside its outputs, so a PEFT adapter saved on one can name it. */
  public static final String DOWNLOADS = "s3-models";

  private static S3Settings settings;
  private static Path downloads;
  private static ObjectStorage storage;
  /** The models fetched in this stage: DPO and eval name one model as both policy and reference. */
  private static final Set<Path> FETCHED = new HashSet<>();

  private S3Access() {}

  /** The settings of the stage about to run, and the directory its {@code s3://} models are fetched into. */
  public static synchronized void use(S3Settings stageSettings, Path downloadDir) {
    close();
    FETCHED.clear();
    settings = stageSettings;
    downloads = downloadDir;
  }

  /** A dataset object's bytes, streamed. */
  public static InputStream open(String uri) throws IOException {
    return storage().open(S3Uri.object(uri, "dataset"));
  }

  /** The model directory at {@code uri} (a prefix), fetched whole; the local directory it now is. */
  public static synchronized Path modelDirectory(String uri) throws IOException {
    S3Uri prefix = S3Uri.parse(uri, "model");
    Path target = downloads.resolve(prefix.bucket()).resolve(prefix.prefix());
    if (!FETCHED.contains(target)) {
      storage().download(prefix, target);
      FETCHED.add(target);
    }
    return target;
  }

  /** Publishes the model directory under the prefix {@code uri}, replacing what was there. */
  public static void export(Path modelDir, String uri) throws IOException {
    storage().upload(modelDir, S3Uri.parse(uri, "exportUri"));
  }

  public static synchronized void close() {
    if (storage != null) {
      storage.close();
      storage = null;
    }
  }

  private static synchronized ObjectStorage storage() {
    if (settings == null) {
      throw new IllegalStateException("no s3 settings: the stage was not started through Main");
    }
    if (storage == null) {
      storage = new ObjectStorage(settings);
    }
    return storage;
  }
}
