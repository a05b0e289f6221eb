package dev.alignment.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One process's CPU time (user and system) and resident memory, now and at its peak ({@code VmHWM}), from /proc.
 */
record ProcessSample(Duration cpu, long rssBytes, long peakRssBytes) {

  static ProcessSample of(long pid) {
    Duration cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    try {
      List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      return new ProcessSample(cpu, kibField(status, "VmRSS:") * 1024, kibField(status, "VmHWM:") * 1024);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("process " + pid + " is gone", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line such as {@code VmRSS:   123456 kB}. */
  private static long kibField(List<String> status, String field) {
    return status.stream().filter(l -> l.startsWith(field)).findFirst()
        .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").trim()))
        .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/<pid>/status"));
  }
}
