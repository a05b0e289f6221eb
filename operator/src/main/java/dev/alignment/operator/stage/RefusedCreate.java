package dev.alignment.operator.stage;

/**
 * The API server refused an object a stage attempt needed (its ConfigMap, Service or Job), so the attempt never
 * started.
 *
 * @param stage the stage whose attempt it was
 * @param attempt the attempt number
 * @param object what was refused, e.g. {@code Job demo-sft-1}
 * @param code the HTTP status code of the refusal
 * @param message the API server's message, which names the offending field
 */
public record RefusedCreate(String stage, int attempt, String object, int code, String message) {
  /**
   * Invalid objects (400 Bad Request, 413 Too Large, 422 Unprocessable) would be refused again; anything else
   * (403 from a quota or a namespace being deleted, 404, 429, 5xx) may pass later.
   */
  public boolean permanent() {
    return code == 400 || code == 413 || code == 422;
  }

  /** One line for status and Events. */
  public String describe() {
    return object + " was refused by the API server (" + code + "): " + message;
  }
}
