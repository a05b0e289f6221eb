package dev.alignment.trainer.rows;

/** One turn of a conversation, as datasets and chat templates hold it: {@code {"role": ..., "content": ...}}. */
public record Message(String role, String content) {}
