package dev.alignment.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;

/** What the tests against the control plane share: its one API server, a client of it, the tests' Job controller. */
abstract class ControlPlaneTest {
  static final ControlPlane plane = ControlPlane.get();
  static final KubernetesClient client = plane.client;
  static final JobController jobs = new JobController(client);
}
