package dev.alignment.trainer.training;

/**
 * How a watchdog thread ends the stage when the stage's own thread cannot notice in time (it is inside a long
 * computation): the real process writes the termination log and exits; an in-process run (tests) does nothing.
 */
@FunctionalInterface
public interface ProcessExit {
  ProcessExit NONE = (code, message) -> {};

  void exit(int code, String message);
}
