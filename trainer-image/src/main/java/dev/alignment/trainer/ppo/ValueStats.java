package dev.alignment.trainer.ppo;

import java.util.LinkedHashMap;
import java.util.Map;

/** A value update's mean loss and clip fraction over its minibatches, and the tokens it trained on. */
public record ValueStats(double loss, double clipFraction, long tokens) {
  public Map<String, Double> metrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("loss/value", loss);
    out.put("val/clipfrac", clipFraction);
    return out;
  }
}
