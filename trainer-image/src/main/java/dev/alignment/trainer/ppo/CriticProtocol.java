package dev.alignment.trainer.ppo;

import dev.alignment.trainer.model.Sequence;
import java.util.List;

/**
 * The critic's HTTP interface: JSON POSTs under {@code /v1/}, answered 200 with a JSON body, 400 with
 * {@code {"error"}} for bad input (a missing checkpoint, another tokenizer) and 500 for anything else.
 * {@code GET /healthz} answers once the critic is up.
 */
final class CriticProtocol {
  static final String HEALTH = "/healthz";
  static final String HEARTBEAT = "/v1/heartbeat";
  static final String RESUME = "/v1/resume";
  static final String EVALUATE = "/v1/evaluate";
  static final String UPDATE = "/v1/update";
  static final String CHECKPOINT = "/v1/checkpoint";
  static final String FINISH = "/v1/finish";
  static final int BAD_INPUT = 400;
  static final int FAILED = 500;

  private CriticProtocol() {}

  record Resume(int step, int vocabSize) {}

  record Rollouts(List<Sequence> rollouts) {}

  record Step(int step) {}

  record Finished(String output) {}

  record Empty() {}

  record Error(String error) {}
}
