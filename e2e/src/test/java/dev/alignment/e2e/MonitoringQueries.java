package dev.alignment.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression the chart ships, read from the files themselves: the targets and template variables of
 * the Grafana dashboards (dashboards/*.json) and the alert rules (alerts/alignment-rules.yaml).
 */
final class MonitoringQueries {
  static final Path CHART = Shell.ROOT.resolve("charts/alignment-operator");
  static final Path DASHBOARDS = CHART.resolve("dashboards");
  static final Path RULES = CHART.resolve("alerts/alignment-rules.yaml");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)|\\[\\[(\\w+)]]");
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern SELECTOR = Pattern.compile(
      "(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)?\\s*(\\{[^}]*})|(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "offset", "bool", "inf", "nan", "by", "without", "on", "ignoring");

  /** One expression: where it comes from (file, panel or alert, refId) and its PromQL, variables not substituted. */
  record Query(String source, String expr) {}

  /** A dashboard template variable of the form label_values(selector, label). */
  record Variable(String source, String name, String selector, String label) {}

  private MonitoringQueries() {}

  static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      out.add(panel);
      panel.path("panels").forEach(out::add);
    }
    return out;
  }

  static List<Query> dashboardQueries() {
    List<Query> out = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      for (JsonNode panel : panels(TreeFiles.read(file))) {
        for (JsonNode target : panel.path("targets")) {
          out.add(new Query(file.getFileName() + ": " + panel.path("title").asText() + " [" + target.path("refId").asText() + "]",
              target.path("expr").asText()));
        }
      }
    }
    return out;
  }

  static List<Variable> dashboardVariables() {
    List<Variable> out = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      for (JsonNode variable : TreeFiles.read(file).path("templating").path("list")) {
        if (!variable.path("type").asText().equals("query")) {
          continue;
        }
        JsonNode q = variable.path("query");
        String query = q.isTextual() ? q.asText() : q.path("query").asText();
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) {
          throw new IllegalStateException(file + ": variable " + variable.path("name") + " is not label_values(selector, label): " + query);
        }
        out.add(new Variable(file.getFileName() + ": $" + variable.path("name").asText(), variable.path("name").asText(),
            m.group(1).strip(), m.group(2)));
      }
    }
    return out;
  }

  /** The alert rules' expressions, as "alert NAME". */
  static List<Query> alertQueries() {
    List<Query> out = new ArrayList<>();
    for (JsonNode group : TreeFiles.read(RULES).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.has("alert") ? "alert " + rule.path("alert").asText() : "record " + rule.path("record").asText();
        out.add(new Query(name, rule.path("expr").asText()));
      }
    }
    return out;
  }

  /** Replaces Grafana's $var, ${var} and [[var]]; a variable missing from {@code values} is an error. */
  static String substitute(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for $" + name + " in " + expr);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The series selectors of an expression ({@code metric{matchers}}, {@code {matchers}} or a bare metric name), so
   * that the names and labels behind a threshold can be checked even when the whole expression is empty.
   */
  static Set<String> selectors(String expr) {
    String e = GROUPING.matcher(expr.replaceAll("\\[[^]]*]", " ")).replaceAll(" ");
    Set<String> out = new LinkedHashSet<>();
    Matcher m = SELECTOR.matcher(e);
    while (m.find()) {
      if (m.group(2) != null) {
        out.add((m.group(1) == null ? "" : m.group(1)) + m.group(2).replaceAll("\\s+", " "));
      } else if (!KEYWORDS.contains(m.group(3))) {
        out.add(m.group(3));
      }
    }
    return out;
  }
}
