package dev.alignment.trainer.data;

import dev.alignment.contract.HttpPolicy;
import dev.alignment.contract.StageHeader;
import java.nio.file.Path;

/**
 * What this process's stage may reach, from its config's header: the namespace's workspace root that file:// paths
 * stay under (null: no such check) and the operator's http policy. One stage runs per process; it is set once, before
 * the stage, and read wherever a URI is opened.
 */
public record UriScope(Path workspaceRoot, HttpPolicy http) {
  /** A config without workspaceRoot or httpPolicy: no root check, the contract's default http policy. */
  public static final UriScope UNCONFINED = new UriScope(null, HttpPolicy.DEFAULT);
  private static volatile UriScope current = UNCONFINED;

  public static UriScope of(StageHeader header) {
    return new UriScope(header.workspaceRoot() == null ? null : Path.of(header.workspaceRoot()).normalize(),
        header.httpPolicy() == null ? HttpPolicy.DEFAULT : header.httpPolicy());
  }

  public static UriScope current() {
    return current;
  }

  /** Makes {@code scope} the one every URI is opened under from now on. */
  public static void install(UriScope scope) {
    current = scope;
  }
}
