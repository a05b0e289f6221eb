package dev.alignment.trainer.rows;

/** A prompt and the completion to imitate, for supervised fine-tuning. */
public record Demonstration(String prompt, String completion) {}
