package dev.alignment.trainer.ppo;

import dev.alignment.trainer.model.Sequence;
import java.util.List;

/**
 * The critic's HTTP interface: JSON POSTs under {@code /v1/}, each with {@code Authorization: Bearer <token>} (the
 * file {@code critic.tokenFile}), answered 200 with a JSON body; otherwise {@code {"error"}} with 400 for bad input
 * (malformed JSON, a negative step, another tokenizer, a missing checkpoint), 401 without the token (no detail), 404
 * for another path, 405 for another method, 409 before resume, 413 for a body over the limit, and 500 when the
 * critic itself failed. {@code GET /healthz} answers {@code {}} once the critic is up, without a token.
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
  static final int UNAUTHORIZED = 401;
  static final int NOT_FOUND = 404;
  static final int METHOD_NOT_ALLOWED = 405;
  static final int CONFLICT = 409;
  static final int TOO_LARGE = 413;
  static final int FAILED = 500;

  private CriticProtocol() {}

  record Resume(int step, int vocabSize) {}

  record Rollouts(List<Sequence> rollouts) {}

  record Step(int step) {}

  record Finished(String output) {}

  record Empty() {}

  record Error(String error) {}
}
