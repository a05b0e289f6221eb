package dev.alignment.operator.uri;

import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.ModelSpec;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.UriSource;
import java.util.EnumSet;
import java.util.Set;

/** Every URI field of each kind's spec, checked against the {@link UriPolicy} with the field's path in messages. */
public final class SpecUris {
  private static final Set<UriKind> MODEL = EnumSet.of(UriKind.BUILTIN, UriKind.FILE, UriKind.RUN, UriKind.S3);
  private static final Set<UriKind> TOKENIZER = EnumSet.of(UriKind.BUILTIN, UriKind.FILE);
  private static final Set<UriKind> DATA =
      EnumSet.of(UriKind.BUILTIN, UriKind.FILE, UriKind.HTTP, UriKind.HTTPS, UriKind.S3);
  private static final Set<UriKind> CHECKPOINT = EnumSet.of(UriKind.FILE, UriKind.RUN);

  private SpecUris() {}

  public static void check(AlignmentRunSpec spec, String namespace, UriPolicy policy) {
    model("spec.model", spec.model, namespace, policy);
    if (spec.sft != null) {
      data("spec.sft.dataset", spec.sft.dataset, namespace, policy);
    }
    data("spec.promptDataset", spec.promptDataset, namespace, policy);
    if (spec.evaluation != null) {
      data("spec.evaluation.prompts", spec.evaluation.prompts, namespace, policy);
    }
  }

  public static void check(DatasetSource source, String namespace, UriPolicy policy) {
    policy.check("spec.source.uri", source.uri, namespace, DATA);
    if (source.synthesize != null) {
      model("spec.source.synthesize.policy", source.synthesize.policy, namespace, policy);
      data("spec.source.synthesize.prompts", source.synthesize.prompts, namespace, policy);
    }
  }

  public static void check(RewardModelSpec spec, String namespace, UriPolicy policy) {
    model("spec.model", spec.model, namespace, policy);
    if (spec.importSource != null) {
      policy.check("spec.import.uri", spec.importSource.uri, namespace, CHECKPOINT);
    }
  }

  private static void model(String field, ModelSpec model, String namespace, UriPolicy policy) {
    if (model != null) {
      policy.check(field + ".uri", model.uri, namespace, MODEL);
      policy.check(field + ".tokenizer", model.tokenizer, namespace, TOKENIZER);
    }
  }

  private static void data(String field, UriSource source, String namespace, UriPolicy policy) {
    if (source != null) {
      policy.check(field + ".uri", source.uri, namespace, DATA);
    }
  }
}
