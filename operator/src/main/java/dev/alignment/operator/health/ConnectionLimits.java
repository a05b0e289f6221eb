package dev.alignment.operator.health;

import java.time.Duration;
import java.util.Map;

/**
 * Timeouts of the JDK HTTP server, which reads them once per JVM from system properties when its first server
 * starts; a {@code -D} on the command line wins over these values.
 */
final class ConnectionLimits {
  /** A client must send its request line and headers within this time. */
  static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(5);
  /** A response must be read within this time: Prometheus gives up on a scrape after 10 s by default. */
  static final Duration MAX_RESPONSE_TIME = Duration.ofSeconds(10);

  private static final Map<String, String> PROPERTIES = Map.of(
      "sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_TIME.toSeconds()),
      "sun.net.httpserver.maxRspTime", Long.toString(MAX_RESPONSE_TIME.toSeconds()),
      // How often idle and newly accepted (silent) connections are checked; the default is every 10 s.
      "sun.net.httpserver.clockTick", "1000",
      "sun.net.httpserver.maxIdleConnections", "16");

  private ConnectionLimits() {}

  /** Sets each limit not already set; must run before the JVM's first {@code HttpServer} is created. */
  static void apply() {
    PROPERTIES.forEach((key, value) -> {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    });
  }
}
