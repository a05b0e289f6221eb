package dev.alignment.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A set of preference pairs (prompt, chosen, rejected), validated once and then used by runs. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("pds")
@ValidationRule(
    value = "size(self.metadata.name) <= 40",
    message = "metadata.name must be at most 40 characters: stage Job names <name>-<stage>-<attempt> must fit 63")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Train", jsonPath = ".status.trainPairs", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Validation", jsonPath = ".status.validationPairs", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Skipped", jsonPath = ".status.skippedRows", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Digest", jsonPath = ".status.digest", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PreferenceDataset extends CustomResource<PreferenceDatasetSpec, PreferenceDatasetStatus>
    implements Namespaced {}
