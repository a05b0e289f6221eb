package dev.alignment.trainer.data;

/** A prompt and the completion to imitate, for supervised fine-tuning. */
public record Demonstration(String prompt, String completion) {}
