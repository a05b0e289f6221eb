package dev.alignment.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Bradley-Terry reward model, trained on a PreferenceDataset or imported from a checkpoint. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("rm")
@ValidationRule(
    value = "size(self.metadata.name) <= 40",
    message = "metadata.name must be at most 40 characters: stage Job names <name>-<stage>-<attempt> must fit 63")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Dataset", jsonPath = ".spec.preferenceDataset", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Accuracy", jsonPath = ".status.accuracy", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Val-Loss", jsonPath = ".status.validationLoss", type = AdditionalPrinterColumn.Type.NUMBER, priority = 1)
@AdditionalPrinterColumn(name = "Checkpoint", jsonPath = ".status.checkpoint", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class RewardModel extends CustomResource<RewardModelSpec, RewardModelStatus> implements Namespaced {}
