package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.contract.HttpPolicy;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uris.path under a workspace root: on a real directory tree with symlinks, as a tenant could leave them. */
class UrisTest {
  @TempDir
  Path volume;
  private Path root;
  private Path secret;

  @BeforeEach
  void tenants() throws IOException {
    root = Files.createDirectories(volume.resolve("team-a"));
    Files.writeString(Files.createDirectories(root.resolve("data")).resolve("pairs.jsonl"), "{}\n");
    secret = Files.writeString(Files.createDirectories(volume.resolve("tenant-b")).resolve("secret.jsonl"), "{}\n");
    UriScope.install(new UriScope(root, HttpPolicy.DEFAULT));
  }

  @AfterEach
  void unconfine() {
    UriScope.install(UriScope.UNCONFINED);
  }

  @Test
  void pathsUnderTheRootAreRead() {
    assertThat(Uris.path(Uris.of(root.resolve("data/pairs.jsonl")), "dataset")).isEqualTo(root.resolve("data/pairs.jsonl"));
    assertThat(Uris.path(Uris.of(root.resolve("run/dpo/model")), "output")).isEqualTo(root.resolve("run/dpo/model"));
  }

  @Test
  void aSymlinkOutOfTheRootIsNotFollowed() throws IOException {
    Files.createSymbolicLink(root.resolve("b"), volume.resolve("tenant-b"));
    Files.createSymbolicLink(root.resolve("data/link.jsonl"), secret);
    Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));

    for (Path escape : new Path[] {root.resolve("b/secret.jsonl"), root.resolve("data/link.jsonl"),
        root.resolve("passwd"), root.resolve("b/not-there.jsonl")}) {
      String uri = Uris.of(escape);
      assertThatThrownBy(() -> Uris.path(uri, "dataset")).isInstanceOf(BadInputException.class)
          .hasMessage("dataset uri '" + uri + "' is outside this namespace's workspace");
    }
  }

  @Test
  void aDirectoryWithALinkInsideThatLeadsOutIsRefusedNamingTheEntry() throws IOException {
    Path model = Files.createDirectories(root.resolve("models/m"));
    Files.writeString(model.resolve("config.json"), "{}");
    Files.createSymbolicLink(Files.createDirectories(model.resolve("shards")).resolve("model.safetensors"), secret);
    Files.createSymbolicLink(model.resolve("tokenizer.json"), root.resolve("data/pairs.jsonl"));
    String uri = Uris.of(model);

    assertThatThrownBy(() -> Uris.path(uri, "model")).isInstanceOf(BadInputException.class)
        .hasMessage("model uri '" + uri + "': shards/model.safetensors leads outside this namespace's workspace");
    Files.delete(model.resolve("shards/model.safetensors"));
    assertThat(Uris.path(uri, "model")).as("a link that stays inside the root is fine").isEqualTo(model);
  }

  @Test
  void aSymlinkThatStaysInsideIsFollowed() throws IOException {
    Files.createSymbolicLink(root.resolve("latest"), root.resolve("data"));

    assertThat(Uris.path(Uris.of(root.resolve("latest/pairs.jsonl")), "dataset")).isEqualTo(root.resolve("latest/pairs.jsonl"));
  }

  @Test
  void aDanglingSymlinkIsRefusedLikeOneThatLeavesWhereverItPoints() throws IOException {
    Files.createSymbolicLink(root.resolve("gone"), volume.resolve("tenant-b/deleted.jsonl"));
    Files.createSymbolicLink(root.resolve("gone-inside"), root.resolve("deleted.jsonl"));

    assertThatThrownBy(() -> Uris.path(Uris.of(root.resolve("gone")), "dataset"))
        .hasMessageEndingWith("is outside this namespace's workspace");
    assertThatThrownBy(() -> Uris.path(Uris.of(root.resolve("gone-inside")), "dataset"))
        .hasMessageEndingWith("is outside this namespace's workspace");
  }

  @Test
  void aRootThatIsItselfASymlinkConfinesNothing() throws IOException {
    Path linked = volume.resolve("team-c");
    Files.createSymbolicLink(linked, volume.resolve("tenant-b"));
    UriScope.install(new UriScope(linked, HttpPolicy.DEFAULT));

    assertThatThrownBy(() -> Uris.path(Uris.of(linked.resolve("secret.jsonl")), "dataset"))
        .hasMessageEndingWith("is outside this namespace's workspace");
  }

  @Test
  void anotherNamespacesPathAndDotDotAreRefusedOnTheVolume() {
    assertThatThrownBy(() -> Uris.path(Uris.of(secret), "dataset"))
        .hasMessageEndingWith("is outside this namespace's workspace");
    assertThatThrownBy(() -> Uris.path("file://" + root + "/../tenant-b/secret.jsonl", "dataset"))
        .hasMessageEndingWith("is outside this namespace's workspace");
  }

  @Test
  void pathsOffTheVolumeAreTheOperatorsToChoose() {
    assertThat(Uris.path("file:///etc/alignment/input/pairs.jsonl", "dataset"))
        .isEqualTo(Path.of("/etc/alignment/input/pairs.jsonl"));
  }
}
