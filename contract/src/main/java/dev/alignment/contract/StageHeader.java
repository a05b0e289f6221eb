package dev.alignment.contract;

/** The keys every stage config has: contract version, who owns the stage, where it writes, checkpoints and metrics. */
public interface StageHeader {
  int contractVersion();

  String stage();

  String namespace();

  String owner();

  String ownerKind();

  String outputDir();

  int checkpointEvery();

  int metricsPort();
}
