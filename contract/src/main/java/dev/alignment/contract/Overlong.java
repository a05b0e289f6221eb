package dev.alignment.contract;

/**
 * What a stage does with a sequence (prompt + completion) longer than its model's {@code maxLength}: {@code truncate}
 * keeps the end of the prompt and the start of the completion and counts the rows it cut; {@code reject} fails the
 * stage with exit 2 naming the row.
 */
public enum Overlong { truncate, reject }
