package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.ExportSpec;
import dev.alignment.contract.StageHeader;

/** A resource's {@code spec.export} as the {@code exportUri} of the stage that trains its final model. */
final class Exports {
  private Exports() {}

  /** The header, exporting to {@code export}'s URI when the spec has one. */
  static StageHeader to(StageHeader h, ExportSpec export) {
    if (export == null) {
      return h;
    }
    return new StageHeader(h.contractVersion(), h.stage(), h.namespace(), h.owner(), h.ownerKind(), h.outputDir(),
        h.checkpointEvery(), h.metricsPort(), h.workspaceRoot(), h.httpPolicy(), h.s3Endpoint(), export.uri);
  }
}
