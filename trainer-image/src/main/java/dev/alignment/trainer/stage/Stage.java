package dev.alignment.trainer.stage;

import dev.alignment.trainer.StageResult;
import java.io.IOException;

/** One trainer command: reads its config, does its work under the output directory, reports a result. */
public interface Stage {
  StageResult run(StageContext context) throws IOException;
}
