package eu.federa.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every STATE and LCM_STATE code of OpenNebula 7.5 ({@code include/VirtualMachine.h}), its name and
 * what it means for Federa: one case per code.
 */
class VmConditionTest {

  static Stream<Arguments> lcmStates() {
    return Stream.of(
        Arguments.of(0, "LCM_INIT", VmCondition.TRANSIENT),
        Arguments.of(1, "PROLOG", VmCondition.TRANSIENT),
        Arguments.of(2, "BOOT", VmCondition.TRANSIENT),
        Arguments.of(3, "RUNNING", VmCondition.RUNNING),
        Arguments.of(4, "MIGRATE", VmCondition.TRANSIENT),
        Arguments.of(5, "SAVE_STOP", VmCondition.TRANSIENT),
        Arguments.of(6, "SAVE_SUSPEND", VmCondition.TRANSIENT),
        Arguments.of(7, "SAVE_MIGRATE", VmCondition.TRANSIENT),
        Arguments.of(8, "PROLOG_MIGRATE", VmCondition.TRANSIENT),
        Arguments.of(9, "PROLOG_RESUME", VmCondition.TRANSIENT),
        Arguments.of(10, "EPILOG_STOP", VmCondition.LEAVING),
        Arguments.of(11, "EPILOG", VmCondition.LEAVING),
        Arguments.of(12, "SHUTDOWN", VmCondition.LEAVING),
        Arguments.of(15, "CLEANUP_RESUBMIT", VmCondition.LEAVING),
        Arguments.of(16, "UNKNOWN", VmCondition.TRANSIENT),
        Arguments.of(17, "HOTPLUG", VmCondition.TRANSIENT),
        Arguments.of(18, "SHUTDOWN_POWEROFF", VmCondition.LEAVING),
        Arguments.of(19, "BOOT_UNKNOWN", VmCondition.TRANSIENT),
        Arguments.of(20, "BOOT_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(21, "BOOT_SUSPENDED", VmCondition.TRANSIENT),
        Arguments.of(22, "BOOT_STOPPED", VmCondition.TRANSIENT),
        Arguments.of(23, "CLEANUP_DELETE", VmCondition.LEAVING),
        Arguments.of(24, "HOTPLUG_SNAPSHOT", VmCondition.TRANSIENT),
        Arguments.of(25, "HOTPLUG_NIC", VmCondition.TRANSIENT),
        Arguments.of(26, "HOTPLUG_SAVEAS", VmCondition.TRANSIENT),
        Arguments.of(27, "HOTPLUG_SAVEAS_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(28, "HOTPLUG_SAVEAS_SUSPENDED", VmCondition.TRANSIENT),
        Arguments.of(29, "SHUTDOWN_UNDEPLOY", VmCondition.LEAVING),
        Arguments.of(30, "EPILOG_UNDEPLOY", VmCondition.LEAVING),
        Arguments.of(31, "PROLOG_UNDEPLOY", VmCondition.TRANSIENT),
        Arguments.of(32, "BOOT_UNDEPLOY", VmCondition.TRANSIENT),
        Arguments.of(33, "HOTPLUG_PROLOG_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(34, "HOTPLUG_EPILOG_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(35, "BOOT_MIGRATE", VmCondition.TRANSIENT),
        Arguments.of(36, "BOOT_FAILURE", VmCondition.FAILED),
        Arguments.of(37, "BOOT_MIGRATE_FAILURE", VmCondition.FAILED),
        Arguments.of(38, "PROLOG_MIGRATE_FAILURE", VmCondition.FAILED),
        Arguments.of(39, "PROLOG_FAILURE", VmCondition.FAILED),
        Arguments.of(40, "EPILOG_FAILURE", VmCondition.FAILED),
        Arguments.of(41, "EPILOG_STOP_FAILURE", VmCondition.FAILED),
        Arguments.of(42, "EPILOG_UNDEPLOY_FAILURE", VmCondition.FAILED),
        Arguments.of(43, "PROLOG_MIGRATE_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(44, "PROLOG_MIGRATE_POWEROFF_FAILURE", VmCondition.FAILED),
        Arguments.of(45, "PROLOG_MIGRATE_SUSPEND", VmCondition.TRANSIENT),
        Arguments.of(46, "PROLOG_MIGRATE_SUSPEND_FAILURE", VmCondition.FAILED),
        Arguments.of(47, "BOOT_UNDEPLOY_FAILURE", VmCondition.FAILED),
        Arguments.of(48, "BOOT_STOPPED_FAILURE", VmCondition.FAILED),
        Arguments.of(49, "PROLOG_RESUME_FAILURE", VmCondition.FAILED),
        Arguments.of(50, "PROLOG_UNDEPLOY_FAILURE", VmCondition.FAILED),
        Arguments.of(51, "DISK_SNAPSHOT_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(52, "DISK_SNAPSHOT_REVERT_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(53, "DISK_SNAPSHOT_DELETE_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(54, "DISK_SNAPSHOT_SUSPENDED", VmCondition.TRANSIENT),
        Arguments.of(56, "DISK_SNAPSHOT_DELETE_SUSPENDED", VmCondition.TRANSIENT),
        Arguments.of(57, "DISK_SNAPSHOT", VmCondition.TRANSIENT),
        Arguments.of(59, "DISK_SNAPSHOT_DELETE", VmCondition.TRANSIENT),
        Arguments.of(60, "PROLOG_MIGRATE_UNKNOWN", VmCondition.TRANSIENT),
        Arguments.of(61, "PROLOG_MIGRATE_UNKNOWN_FAILURE", VmCondition.FAILED),
        Arguments.of(62, "DISK_RESIZE", VmCondition.TRANSIENT),
        Arguments.of(63, "DISK_RESIZE_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(64, "DISK_RESIZE_UNDEPLOYED", VmCondition.TRANSIENT),
        Arguments.of(65, "HOTPLUG_NIC_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(66, "HOTPLUG_RESIZE", VmCondition.TRANSIENT),
        Arguments.of(67, "HOTPLUG_SAVEAS_UNDEPLOYED", VmCondition.TRANSIENT),
        Arguments.of(68, "HOTPLUG_SAVEAS_STOPPED", VmCondition.TRANSIENT),
        Arguments.of(69, "BACKUP", VmCondition.TRANSIENT),
        Arguments.of(70, "BACKUP_POWEROFF", VmCondition.TRANSIENT),
        Arguments.of(71, "RESTORE", VmCondition.TRANSIENT));
  }

  @ParameterizedTest(name = "ACTIVE/{1} ({0}) is {2}")
  @MethodSource("lcmStates")
  void everyLcmStateHasItsNameAndItsMeaning(int code, String name, VmCondition expected) {
    LcmState lcm = LcmState.of(code);
    assertEquals(name, lcm.name());
    assertTrue(lcm.isKnown());
    assertEquals(expected, VmCondition.of(VmState.of(VmState.ACTIVE), lcm));
  }

  @Test
  void theLcmTableHoldsExactlyOpenNebulasCodes() {
    long known = IntStream.rangeClosed(0, 80).filter(c -> LcmState.of(c).isKnown()).count();
    assertEquals(lcmStates().count(), known);
  }

  static Stream<Arguments> vmStates() {
    return Stream.of(
        Arguments.of(0, "INIT", VmCondition.TRANSIENT),
        Arguments.of(1, "PENDING", VmCondition.TRANSIENT),
        Arguments.of(2, "HOLD", VmCondition.RESTING),
        Arguments.of(4, "STOPPED", VmCondition.RESTING),
        Arguments.of(5, "SUSPENDED", VmCondition.RESTING),
        Arguments.of(6, "DONE", VmCondition.GONE),
        Arguments.of(7, "FAILED", VmCondition.FAILED),
        Arguments.of(8, "POWEROFF", VmCondition.RESTING),
        Arguments.of(9, "UNDEPLOYED", VmCondition.RESTING),
        Arguments.of(10, "CLONING", VmCondition.TRANSIENT),
        Arguments.of(11, "CLONING_FAILURE", VmCondition.FAILED));
  }

  @ParameterizedTest(name = "{1} ({0}) is {2}")
  @MethodSource("vmStates")
  void everyVmStateHasItsNameAndItsMeaning(int code, String name, VmCondition expected) {
    VmState state = VmState.of(code);
    assertEquals(name, state.name());
    // the LCM state is 0 outside ACTIVE, and means nothing there
    assertEquals(expected, VmCondition.of(state, LcmState.of(0)));
  }

  @Test
  void unknownCodesAreShownAsSuchAndWaitedFor() {
    assertEquals("unknown (99)", LcmState.of(99).name());
    assertFalse(LcmState.of(13).isKnown()); // CANCEL, retired
    assertEquals("unknown (12)", VmState.of(12).name());
    assertEquals(VmCondition.TRANSIENT, VmCondition.of(VmState.of(12), LcmState.of(0)));
    assertEquals(
        VmCondition.TRANSIENT, VmCondition.of(VmState.of(VmState.ACTIVE), LcmState.of(99)));
  }

  @Test
  void migratingAPoweredOffVmIsNeitherFailedNorResting() {
    VmCondition c =
        VmCondition.of(VmState.of(VmState.ACTIVE), LcmState.of(LcmState.PROLOG_MIGRATE_POWEROFF));
    assertEquals(VmCondition.TRANSIENT, c);
    assertEquals("PROLOG_MIGRATE_POWEROFF", LcmState.of(43).name());
  }

  /** The portal's words in English, where every word a page shows has its key. */
  private static final java.util.ResourceBundle ENGLISH =
      java.util.ResourceBundle.getBundle(
          "eu.federa.platform.i18n.messages", java.util.Locale.ENGLISH);

  /**
   * Every state a VM's page can be given (as {@link VirtualMachine#displayState} writes it) has a
   * word of the page's vocabulary: resting ones by their state, the others by their condition.
   */
  @Test
  void everyStateAPageShowsHasAWord() {
    for (int code = 0; code <= 12; code++) {
      VmState state = VmState.of(code);
      int lastLcm = code == VmState.ACTIVE ? 72 : 0;
      for (int lcm = 0; lcm <= lastLcm; lcm++) {
        String shown =
            code == VmState.ACTIVE ? state.name() + "/" + LcmState.of(lcm).name() : state.name();
        String word = VmCondition.word(shown);
        assertTrue(ENGLISH.containsKey("resource.oneState." + word), shown + " -> " + word);
      }
    }
    assertEquals("RUNNING", VmCondition.word("ACTIVE/RUNNING"));
    assertEquals("POWEROFF", VmCondition.word("POWEROFF"));
    assertEquals("FAILED", VmCondition.word("ACTIVE/BOOT_FAILURE"));
    assertEquals("LEAVING", VmCondition.word("ACTIVE/SHUTDOWN"));
    assertEquals("TRANSIENT", VmCondition.word("ACTIVE/unknown (99)"));
    assertEquals("GONE", VmCondition.word("DONE"));
    assertEquals("UNKNOWN", VmCondition.word("unknown (12)"));
    assertEquals("UNKNOWN", VmCondition.word(null));
  }

  @Test
  void everyHostStateHasAWord() {
    for (int code = 0; code <= 9; code++) {
      String word = HostState.word(HostState.of(code).name());
      assertTrue(ENGLISH.containsKey("provider.hostState." + word), code + " -> " + word);
    }
    assertEquals("MONITORED", HostState.word("MONITORED"));
    assertEquals("MONITORING", HostState.word("MONITORING_ERROR"));
    assertEquals("UNKNOWN", HostState.word("unknown (9)"));
  }
}
