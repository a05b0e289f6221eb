package dev.alignment.trainer.storage;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.model.AtomicDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Objects read and written through one S3 client: a dataset streamed, a model directory fetched or published whole. */
public final class ObjectStorage implements Closeable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
  /** Written last, so a reader that lists the prefix mid-upload finds no model there yet. */
  private static final Set<String> MANIFESTS = Set.of("config.json", "model.json", "adapter_config.json");

  private final S3Client client;

  public ObjectStorage(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT).build())
        .region(settings.region())
        .credentialsProvider(settings.credentials())
        // S3-compatible servers differ in the newer default checksums (aws-chunked CRC trailers); ask only where S3 must.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
    }
    this.client = builder.build();
  }

  /** The object's bytes, streamed; closing the stream ends the request. */
  public InputStream open(S3Uri uri) throws IOException {
    try {
      return client.getObject(r -> r.bucket(uri.bucket()).key(uri.key()));
    } catch (SdkException e) {
      throw S3Failures.of(uri, e);
    }
  }

  /** Every object under the prefix, fetched into {@code target} (replaced whole) at its path relative to the prefix. */
  public void download(S3Uri prefix, Path target) throws IOException {
    List<String> keys = keys(prefix);
    if (keys.isEmpty()) {
      throw new BadInputException(prefix + ": no objects under this prefix");
    }
    AtomicDirectory.write(target, dir -> {
      for (String key : keys) {
        Path file = local(dir, prefix, key);
        Files.createDirectories(file.getParent());
        S3Uri object = new S3Uri(prefix.bucket(), key);
        try {
          client.getObject(r -> r.bucket(object.bucket()).key(object.key()), ResponseTransformer.toFile(file));
        } catch (SdkException e) {
          throw S3Failures.of(object, e);
        }
      }
    });
  }

  /**
   * Publishes the directory's files under the prefix, manifests last, then deletes the objects under it that are not
   * the directory's, so the prefix holds exactly this directory; nothing outside the prefix is touched.
   */
  public void upload(Path source, S3Uri prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile)
          .sorted(Comparator.comparing((Path p) -> MANIFESTS.contains(p.getFileName().toString())).thenComparing(p -> p))
          .toList();
    }
    Set<String> written = new HashSet<>();
    for (Path file : files) {
      S3Uri object = prefix.child(source.relativize(file).toString().replace('\\', '/'));
      try {
        client.putObject(r -> r.bucket(object.bucket()).key(object.key()), RequestBody.fromFile(file));
      } catch (SdkException e) {
        throw S3Failures.of(object, e);
      }
      written.add(object.key());
    }
    for (String stale : keys(prefix)) {
      if (!written.contains(stale)) {
        try {
          client.deleteObject(r -> r.bucket(prefix.bucket()).key(stale));
        } catch (SdkException e) {
          throw S3Failures.of(new S3Uri(prefix.bucket(), stale), e);
        }
      }
    }
  }

  private List<String> keys(S3Uri prefix) throws IOException {
    try {
      List<String> keys = new ArrayList<>();
      for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(prefix.bucket()).prefix(prefix.prefix())).contents()) {
        if (!object.key().endsWith("/")) {
          keys.add(object.key());
        }
      }
      return keys;
    } catch (SdkException e) {
      throw S3Failures.of(prefix, e);
    }
  }

  /** Where a listed key goes under {@code dir}; a key that would leave it (a '..' segment) is refused. */
  private static Path local(Path dir, S3Uri prefix, String key) {
    Path file = dir.resolve(key.substring(prefix.prefix().length())).normalize();
    if (!file.startsWith(dir) || file.equals(dir)) {
      throw new BadInputException(prefix + ": object '" + key + "' has a path that leaves the model directory");
    }
    return file;
  }

  @Override
  public void close() {
    client.close();
  }
}
