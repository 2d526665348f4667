package eu.federa.cloud.opennebula;

/** The actions of {@code one.vm.action}, with their wire names. There is no "delete". */
public enum VmAction {
  TERMINATE("terminate"),
  TERMINATE_HARD("terminate-hard"),
  UNDEPLOY("undeploy"),
  UNDEPLOY_HARD("undeploy-hard"),
  HOLD("hold"),
  RELEASE("release"),
  STOP("stop"),
  SUSPEND("suspend"),
  RESUME("resume"),
  REBOOT("reboot"),
  REBOOT_HARD("reboot-hard"),
  RESCHED("resched"),
  UNRESCHED("unresched"),
  POWEROFF("poweroff"),
  POWEROFF_HARD("poweroff-hard");

  private final String wireName;

  VmAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
