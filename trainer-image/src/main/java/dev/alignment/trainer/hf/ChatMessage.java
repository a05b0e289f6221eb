package dev.alignment.trainer.hf;

/** One turn of a conversation, as chat templates see it: {@code {"role": ..., "content": ...}}. */
public record ChatMessage(String role, String content) {}
