package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a trainer runtime runs, how, and what it supports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainerRuntimeSpec {
  /** The entrypoint of a runtime that names none: the reference trainer's. */
  public static final String DEFAULT_COMMAND = "alignment-trainer";

  @JsonPropertyDescription("Container image of the trainer; a run's spec.image overrides it for that run.")
  @Required
  @Pattern(Bounds.IMAGE)
  @Size(min = 1, max = Bounds.IMAGE_LENGTH)
  public String image;

  @JsonPropertyDescription("How the entrypoint starts in each pod: Single (one process, one pod) or Torchrun "
      + "(torchrun with the stage's rendezvous, one process per GPU, on one or more pods). Default Single.")
  @Default("Single")
  public Launcher launcher;

  @JsonPropertyDescription("The entrypoint; each stage runs <command...> <trainer command> --config <file>. "
      + "Default [\"" + DEFAULT_COMMAND + "\"].")
  @Size(min = 1, max = Bounds.RUNTIME_COMMAND_WORDS)
  @ValidationRule(value = "self.all(w, size(w) > 0 && size(w) <= 1024)",
      message = "each word of spec.command must be 1 to 1024 characters")
  public List<String> command;

  @JsonPropertyDescription("Trainer commands the image implements: " + Bounds.TRAINER_COMMANDS_TEXT + ".")
  @Required
  @Size(min = 1, max = Bounds.TRAINER_COMMANDS)
  @ValidationRule(value = Bounds.TRAINER_COMMANDS_RULE,
      message = "each entry of spec.commands must be a trainer command: " + Bounds.TRAINER_COMMANDS_TEXT)
  public List<String> commands;

  @JsonPropertyDescription("Algorithms the image implements in its dpo, ppo-actor and best-of-n commands: "
      + "DPO, IPO, CDPO, PPO, BestOfN. Empty for a runtime without those commands.")
  @Size(max = 5)
  public List<Algorithm> algorithms;

  @JsonPropertyDescription("CPU and memory of each pod when the resource's spec sets none.")
  public RuntimeResources resources;

  @JsonPropertyDescription("Environment variables of every trainer container of this runtime, set before the "
      + "resource's own env. Plain values only: a runtime serves every namespace.")
  @Size(max = Bounds.ENV_VARIABLES)
  public List<RuntimeEnvVariable> env;
}
