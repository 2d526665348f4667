package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.PowerAction;
import eu.federa.cloud.opennebula.VmAction;
import org.junit.jupiter.api.Test;

class PowerActionTest {

  @Test
  void eachOfFederasActionsIsOpenNebulasOwn() {
    assertThat(ProviderVms.actionOf(PowerAction.POWER_OFF)).isEqualTo(VmAction.POWEROFF);
    assertThat(ProviderVms.actionOf(PowerAction.POWER_ON)).isEqualTo(VmAction.RESUME);
    assertThat(ProviderVms.actionOf(PowerAction.REBOOT)).isEqualTo(VmAction.REBOOT);
    assertThat(ProviderVms.actionOf(PowerAction.TERMINATE)).isEqualTo(VmAction.TERMINATE_HARD);
  }
}
