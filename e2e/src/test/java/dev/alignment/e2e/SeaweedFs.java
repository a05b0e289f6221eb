package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for the tests: SeaweedFS (hack/seaweedfs.sh) with one identity, listening on {@code ip}
 * (loopback, or the node's address for trainer pods to reach), seeded and read through its filer's HTTP API so that
 * the checks do not go through the S3 client under test.
 */
final class SeaweedFs implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Map<String, String> env;
  private final String endpoint;
  private final String filer;

  private SeaweedFs(Map<String, String> env, String endpoint, String filer) {
    this.env = env;
    this.endpoint = endpoint;
    this.filer = filer;
  }

  /** Starts a server keeping its state in {@code state}; {@code s3Port} 0 picks a free one. */
  static SeaweedFs start(Path state, String ip, int s3Port, String accessKey, String secretKey) throws IOException {
    List<Integer> ports = freePortPairs(4);
    int s3 = s3Port == 0 ? ports.get(0) : s3Port;
    Map<String, String> env = Map.of("ALIGNMENT_CLUSTER_STATE", state.toString(), "ALIGNMENT_S3_IP", ip,
        "ALIGNMENT_S3_PORT", String.valueOf(s3), "ALIGNMENT_SEAWEEDFS_MASTER_PORT", String.valueOf(ports.get(1)),
        "ALIGNMENT_SEAWEEDFS_VOLUME_PORT", String.valueOf(ports.get(2)),
        "ALIGNMENT_SEAWEEDFS_FILER_PORT", String.valueOf(ports.get(3)),
        "ALIGNMENT_S3_ACCESS_KEY", accessKey, "ALIGNMENT_S3_SECRET_KEY", secretKey);
    String endpoint = Shell.lastLine(Shell.run(env, List.of("hack/seaweedfs.sh", "up"), null));
    return new SeaweedFs(env, endpoint, "http://" + ip + ":" + ports.get(3));
  }

  String endpoint() {
    return endpoint;
  }

  /** Stores {@code file} at {@code bucket/key}; the bucket is made with its first object. */
  void put(String path, Path file) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(filer + "/buckets/" + path))
        .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isBetween(200, 299);
  }

  /** Stores every file of {@code dir} under {@code prefix}. */
  void putAll(String prefix, Path dir) throws IOException, InterruptedException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        put(prefix + "/" + file.getFileName(), file);
      }
    }
  }

  byte[] get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(filer + "/buckets/" + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return response.body();
  }

  @Override
  public void close() {
    Shell.run(env, List.of("hack/seaweedfs.sh", "stop"), null);
  }

  /** {@code count} free ports, each with its successor free too (SeaweedFS serves gRPC there), all held while chosen. */
  private static List<Integer> freePortPairs(int count) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        try {
          held.add(new ServerSocket(socket.getLocalPort() + 1));
          ports.add(socket.getLocalPort());
        } catch (IOException taken) {
          // its successor is in use: hold this one too, so it is not offered again, and try another
        }
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }
}
