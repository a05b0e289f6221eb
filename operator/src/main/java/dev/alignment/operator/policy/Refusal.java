package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;

/**
 * A spec field the operator's policy does not allow, with the reason; {@link #notAllowed} names the operator setting
 * (and its Helm value) that would.
 *
 * @param field the field's path in the resource, e.g. {@code spec.scheduling.tolerations[0].key}
 * @param message the whole sentence shown in status
 */
public record Refusal(String field, String message) {
  /** The chart holds the operator's settings under this key of its values. */
  static final String HELM_PREFIX = "policy.";

  static Refusal notAllowed(String field, String value, AllowList allowList) {
    return new Refusal(field, field + " \"" + value + "\" is not allowed by " + setting(allowList));
  }

  /** "the operator's allowedImages (Helm value policy.allowedImages)". */
  static String setting(AllowList allowList) {
    return "the operator's " + allowList.setting() + " (Helm value " + HELM_PREFIX + allowList.setting() + ")";
  }
}
