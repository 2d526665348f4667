package eu.federa.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

  @Test
  void aProcessLinesFieldsAreCountedAfterItsNameEvenWithSpacesAndParenthesesInIt() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 2 0 1234 56 0 0 20 0";
    String[] fields = LoadBench.CpuTime.afterName(stat);
    assertThat(fields[0]).isEqualTo("S");
    assertThat(fields[11]).as("utime").isEqualTo("1234");
    assertThat(fields[12]).as("stime").isEqualTo("56");
  }

  @Test
  void thisProcessesTimeIsReadAndOnlyGrows() throws Exception {
    long pid = ProcessHandle.current().pid();
    LoadBench.CpuTime first = LoadBench.CpuTime.now(pid);
    LoadBench.CpuTime later = LoadBench.CpuTime.now(pid).minus(first);
    assertThat(first.wildflyTicks()).isPositive();
    assertThat(first.allTicks()).isGreaterThanOrEqualTo(first.machineBusyTicks());
    assertThat(later.wildflyTicks()).isNotNegative();
    assertThat(later.machineBusyTicks()).isNotNegative();
  }
}
