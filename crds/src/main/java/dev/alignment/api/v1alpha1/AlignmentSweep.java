package dev.alignment.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A study: an AlignmentRun template and a matrix over its fields; each cell becomes a child run, ranked in status. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames({"asweep", "asweeps"})
@ValidationRule(
    value = "size(self.metadata.name) <= 31",
    message = "metadata.name must be at most 31 characters: child runs are named <sweep>-<8 hex digits> and run "
        + "names are at most 40")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Runs", jsonPath = ".status.counts.total", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Running", jsonPath = ".status.counts.running", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Succeeded", jsonPath = ".status.counts.succeeded", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Failed", jsonPath = ".status.counts.failed", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Best", jsonPath = ".status.best", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Best-Value", jsonPath = ".status.bestValue", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Metric", jsonPath = ".status.metric", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AlignmentSweep extends CustomResource<AlignmentSweepSpec, AlignmentSweepStatus> implements Namespaced {}
