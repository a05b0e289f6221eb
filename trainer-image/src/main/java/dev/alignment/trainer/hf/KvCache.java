package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Each layer's keys and values of the tokens seen so far, (B, kv heads, T, d), keys after the rotary embedding, so a
 * decoding step only computes its new token; {@link #none()} keeps nothing (a full forward pass).
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;

  private KvCache(NDManager manager, int layers) {
    this.manager = manager;
    keys = new NDArray[layers];
    values = new NDArray[layers];
  }

  /** An empty cache for a model of this many layers, its arrays on a sub-manager of {@code manager}. */
  public static KvCache create(NDManager manager, int layers) {
    return new KvCache(manager.newSubManager(), layers);
  }

  static KvCache none() {
    return new KvCache(null, 0);
  }

  /** Tokens held (the key axis of every layer), 0 when empty. */
  public long length() {
    return keys.length == 0 || keys[0] == null ? 0 : keys[0].getShape().get(2);
  }

  /** The layer's keys and values with the new ones (B, kv heads, T new, d) appended on the token axis. */
  NDArray[] extend(int layer, NDArray key, NDArray value) {
    if (manager == null) {
      return new NDArray[] {key, value};
    }
    keys[layer] = append(keys[layer], key);
    values[layer] = append(values[layer], value);
    return new NDArray[] {keys[layer], values[layer]};
  }

  private NDArray append(NDArray held, NDArray added) {
    NDArray all = held == null ? added : held.concat(added, 2);
    all.attach(manager);
    if (held != null) {
      held.close();
    }
    return all;
  }

  @Override
  public void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
