package dev.alignment.trainer.data;

import java.io.IOException;

/** Takes the rows of a dataset as they are read, for instance writing them out. */
@FunctionalInterface
public interface RowConsumer<T> {
  void accept(T row) throws IOException;
}
