package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.data.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The reference trainer's own transformer ({@code builtin://tiny|small}) with one linear head, saved in its DJL
 * format: {@code model.json} (kind, architecture), {@code body.params}, {@code head.params} and the tokenizer's file.
 */
public final class BuiltinNetwork extends AbstractBlock implements Network {
  public static final String MANIFEST = "model.json";
  static final String BODY = "body.params";
  static final String HEAD = "head.params";

  private final ModelKind kind;
  private final TransformerBody body;
  private final Linear head;

  /** A network with parameters drawn from the engine's generator (N(0, 0.02) weights, as GPT-2), seeded by the caller. */
  BuiltinNetwork(ModelKind kind, Architecture architecture, int vocabSize, NDManager manager) {
    this.kind = kind;
    body = addChildBlock("body", new TransformerBody(architecture, vocabSize));
    head = addChildBlock("head", Linear.builder().setUnits(kind == ModelKind.LANGUAGE ? vocabSize : 1)
        .optBias(kind == ModelKind.SCALAR).build());
    setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    initialize(manager, DataType.FLOAT32, new Shape(1, architecture.contextLength()));
  }

  public Architecture architecture() {
    return body.architecture();
  }

  @Override
  public Block block() {
    return this;
  }

  @Override
  public NDArray outputs(ParameterStore ps, NDArray tokens, boolean training) {
    NDArray hidden = body.forward(ps, new NDList(tokens), training).head();
    return head.forward(ps, new NDList(hidden), training).head();
  }

  @Override
  public int positions() {
    return architecture().contextLength();
  }

  @Override
  public void save(Path dir, TextTokenizer tokenizer) throws IOException {
    AtomicDirectory.write(dir, temp -> {
      Map<String, Object> manifest = Map.of("kind", kind.name(), "architecture", architecture());
      Files.writeString(temp.resolve(MANIFEST), Json.GSON.toJson(manifest));
      ParameterFiles.write(body, temp.resolve(BODY));
      ParameterFiles.write(head, temp.resolve(HEAD));
      tokenizer.saveTo(temp);
    });
  }

  /** Reads a saved network's body and, when the saved head is of this network's kind, its head. */
  void readSaved(Path dir, ModelKind saved, NDManager manager) throws IOException {
    ParameterFiles.read(body, dir.resolve(BODY), manager);
    if (saved == kind) {
      ParameterFiles.read(head, dir.resolve(HEAD), manager);
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(outputs(ps, inputs.head(), training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    body.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, new Shape(1, architecture().hiddenSize()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return head.getOutputShapes(body.getOutputShapes(inputShapes));
  }
}
