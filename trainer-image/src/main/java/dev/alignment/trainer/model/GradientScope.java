package dev.alignment.trainer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL's gradient collector, one at a time per JVM: the PyTorch engine refuses a second collector while one is open,
 * and an in-process PPO critic (tests, benchmarks) trains on another thread than the actor.
 */
public final class GradientScope implements AutoCloseable {
  private static final ReentrantLock LOCK = new ReentrantLock();

  private final GradientCollector collector;

  private GradientScope(GradientCollector collector) {
    this.collector = collector;
  }

  public static GradientScope open() {
    LOCK.lock();
    try {
      return new GradientScope(Engine.getInstance().newGradientCollector());
    } catch (RuntimeException e) {
      LOCK.unlock();
      throw e;
    }
  }

  public void backward(NDArray loss) {
    collector.backward(loss);
  }

  @Override
  public void close() {
    try {
      collector.close();
    } finally {
      LOCK.unlock();
    }
  }
}
