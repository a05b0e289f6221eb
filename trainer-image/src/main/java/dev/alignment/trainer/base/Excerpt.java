package dev.alignment.trainer.base;

/** Shortens text quoted from input in a message: its first characters, then how many were left out. */
public final class Excerpt {
  /** How much of a dataset value or line a message quotes. */
  public static final int QUOTE = 200;

  private Excerpt() {}

  public static String of(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    // Never end on half a surrogate pair: the message must stay encodable as UTF-8.
    int cut = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters)";
  }
}
