package dev.alignment.operator.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** What the tests against the control plane share: its one API server, a client of it, the tests' Job controller. */
abstract class ControlPlaneTest {
  static final ControlPlane plane = ControlPlane.get();
  static final KubernetesClient client = plane.client;
  static final JobController jobs = new JobController(client);

  /** A field of an object's status read untyped (an object that does not fit its type is read too), or null. */
  static String statusField(GenericKubernetesResource resource, String field) {
    Object status = resource.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map && map.get(field) != null ? map.get(field).toString() : null;
  }
}
