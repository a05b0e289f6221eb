package dev.alignment.operator.reconciler;

import dev.alignment.operator.config.OperatorConfig;
import java.time.Clock;

/** What the reconcilers of stage pipelines share: the operator's config, the stage driver, the status publisher, the clock. */
record Pipelines(OperatorConfig config, StageDriver driver, StatusPublisher publisher, Clock clock) {}
