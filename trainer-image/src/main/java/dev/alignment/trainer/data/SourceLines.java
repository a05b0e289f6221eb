package dev.alignment.trainer.data;

import java.util.List;

/** A dataset's raw lines and the name error messages use for it (a path or a URI). */
public record SourceLines(String name, List<String> lines) {}
