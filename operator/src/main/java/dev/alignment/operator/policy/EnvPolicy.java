package dev.alignment.operator.policy;

import dev.alignment.api.v1alpha1.EnvFromSecret;
import dev.alignment.operator.config.AllowList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * spec.env and spec.envFrom: only names the operator's allowedEnvNames permits (a variable can change what the
 * trainer runs: JAVA_TOOL_OPTIONS, LD_PRELOAD), never a name the operator sets itself. The keys of an envFrom Secret
 * are unknown to the operator, so an envFrom is allowed only when every name with its prefix is: an entry
 * {@code <start>*} that the prefix starts with ({@code *} for no prefix).
 */
record EnvPolicy(AllowList allowedNames, Set<String> operatorNames) implements PodPolicy {
  @Override
  public List<Refusal> check(PodOverrides overrides) {
    List<Refusal> refusals = new ArrayList<>();
    for (int i = 0; i < overrides.env().size(); i++) {
      String name = overrides.env().get(i).name;
      String field = "spec.env[" + i + "].name";
      if (operatorNames.contains(name)) {
        refusals.add(new Refusal(field, field + " \"" + name + "\" is set by the operator and cannot be overridden"));
      } else if (!allowedNames.permits(name)) {
        refusals.add(Refusal.notAllowed(field, name, allowedNames));
      }
    }
    for (int i = 0; i < overrides.envFrom().size(); i++) {
      EnvFromSecret from = overrides.envFrom().get(i);
      String prefix = from.prefix == null ? "" : from.prefix;
      if (!permitsEveryNameStartingWith(prefix)) {
        String field = "spec.envFrom[" + i + "]";
        refusals.add(new Refusal(field, field + " (Secret \"" + from.secretRef.name + "\", prefix \"" + prefix
            + "\") is not allowed by " + Refusal.setting(allowedNames) + ": it must permit every name starting with \""
            + prefix + "\", with an entry " + (prefix.isEmpty() ? "\"*\"" : "such as \"" + prefix + "*\"")));
      }
    }
    return refusals;
  }

  private boolean permitsEveryNameStartingWith(String prefix) {
    return allowedNames.entries().stream()
        .anyMatch(entry -> entry.endsWith("*") && prefix.startsWith(entry.substring(0, entry.length() - 1)));
  }
}
