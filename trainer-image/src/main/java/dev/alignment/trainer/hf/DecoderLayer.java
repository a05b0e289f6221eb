package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A decoder layer: its parameters are the body's children, and the body runs it directly with its cache slot. */
abstract class DecoderLayer extends ParameterBlock {
  /** The layer's index, its slot in a {@link KvCache}. */
  final int index;

  DecoderLayer(NamedParameters parameters, String prefix, int index) {
    super(parameters, prefix);
    this.index = index;
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    throw new UnsupportedOperationException("a decoder layer runs through its body, which passes the KV cache");
  }
}
