package dev.alignment.trainer.data;

/** Which keys of a dataset's rows hold the prompt, the chosen and the rejected completion. */
public record FieldMapping(String prompt, String chosen, String rejected) {
  public static final FieldMapping DEFAULT = new FieldMapping("prompt", "chosen", "rejected");
}
