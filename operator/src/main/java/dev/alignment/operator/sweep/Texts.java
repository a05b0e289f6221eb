package dev.alignment.operator.sweep;

/** Cuts text for status, where every string is bounded so that the object stays far below etcd's limit. */
final class Texts {
  private Texts() {}

  /** {@code text} if at most {@code max} chars, else its start and an ellipsis, {@code max} chars in all. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return text.substring(0, end) + "…";
  }
}
