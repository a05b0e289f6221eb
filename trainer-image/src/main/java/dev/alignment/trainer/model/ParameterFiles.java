package dev.alignment.trainer.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.alignment.trainer.base.BadInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A block's parameters in DJL's parameter file format: built-in model files and training checkpoints. */
public final class ParameterFiles {
  private ParameterFiles() {}

  public static void write(Block block, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      block.saveParameters(out);
    }
  }

  public static void read(Block block, Path file, NDManager manager) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException | NoSuchFileException e) {
      throw new BadInputException(file + ": unreadable model parameters: " + e.getMessage(), e);
    }
  }
}
