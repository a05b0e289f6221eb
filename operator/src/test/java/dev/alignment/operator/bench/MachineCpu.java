package dev.alignment.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The whole machine's CPU time, busy and total, in clock ticks summed over all cores (first line of /proc/stat). */
record MachineCpu(long busyTicks, long totalTicks) {

  static MachineCpu now() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      long[] ticks = Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
      // user nice system idle iowait irq softirq steal: idle and iowait are not busy; guest time is already in user.
      long total = 0;
      for (int i = 0; i < Math.min(ticks.length, 8); i++) {
        total += ticks[i];
      }
      return new MachineCpu(total - ticks[3] - ticks[4], total);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Busy share of all cores between {@code earlier} and this sample, 0 to 1. */
  double busySince(MachineCpu earlier) {
    long total = totalTicks - earlier.totalTicks;
    return total == 0 ? 0 : (double) (busyTicks - earlier.busyTicks) / total;
  }
}
