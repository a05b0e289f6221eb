package dev.alignment.operator.stage;

/**
 * An object a stage attempt needed (its ConfigMap, Secret, Service or Job) could not be had, so the attempt never
 * started: the API server refused it, or an object of its name exists that this owner does not control.
 *
 * @param stage the stage whose attempt it was
 * @param attempt the attempt number
 * @param object what was refused, e.g. {@code Job demo-sft-1}
 * @param code the HTTP status code of the refusal (409 for an object owned by another)
 * @param message the API server's message, which names the offending field, or why the object is not ours
 * @param notOwned whether an object of the expected name exists without this owner's controller reference
 */
public record RefusedCreate(String stage, int attempt, String object, int code, String message, boolean notOwned) {
  public RefusedCreate(String stage, int attempt, String object, int code, String message) {
    this(stage, attempt, object, code, message, false);
  }

  /**
   * {@code object} exists under the name the attempt needs but its controller is not {@code ownerKind} of this UID:
   * planted by someone else, or left by a deleted {@code ownerKind} of the same name. It is not adopted, mounted
   * or reused.
   */
  public static RefusedCreate notOwned(String stage, int attempt, String object, String ownerKind) {
    return new RefusedCreate(stage, attempt, object, 409,
        "exists and is not owned by this " + ownerKind + " (another owner, no owner, or an earlier " + ownerKind
            + " of the same name); it is not adopted: delete it, or give the " + ownerKind + " another name",
        true);
  }

  /**
   * Invalid objects (400 Bad Request, 413 Too Large, 422 Unprocessable) would be refused again, and an object owned
   * by another stays; anything else (403 from a quota or a namespace being deleted, 404, 429, 5xx) may pass later.
   */
  public boolean permanent() {
    return notOwned || code == 400 || code == 413 || code == 422;
  }

  /** One line for status and Events. */
  public String describe() {
    return notOwned ? object + " " + message : object + " was refused by the API server (" + code + "): " + message;
  }
}
