package dev.alignment.trainer.training;

import dev.alignment.contract.CommandConfig;
import dev.alignment.trainer.base.StageResult;
import java.io.IOException;

/** One trainer command: reads its config record, does its work under the output directory, reports a result. */
public interface Stage<C extends CommandConfig> {
  StageResult run(StageContext<C> context) throws IOException;
}
