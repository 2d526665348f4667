package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.SecurityGroup;
import eu.federa.cloud.SecurityGroupRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantNetworksTest {

  private static final SecurityGroupRule SSH = new SecurityGroupRule("TCP", true, "22", null, 0);
  private static final SecurityGroupRule OFFICE =
      new SecurityGroupRule("tcp", true, "443", "192.0.2.0", 256);
  private static final TenantNetworks.Rules RULES =
      new TenantNetworks.Rules(3, List.of(SSH, OFFICE));

  private static SecurityGroup atProvider(SecurityGroupRule... rules) {
    return new SecurityGroup(7, "fw", 1, 100, List.of(rules), List.of(), List.of());
  }

  @Test
  void aGroupHoldingTheRulesAndEverythingOutboundInAnyOrderIsLeftAsItIs() {
    assertThat(
            TenantNetworks.holds(atProvider(SecurityGroupRule.allOutbound(), OFFICE, SSH), RULES))
        .isTrue();
  }

  @Test
  void aGroupChangedAtTheProviderIsNotWhatFederaWants() {
    assertThat(TenantNetworks.holds(atProvider(SSH, OFFICE), RULES)).isFalse();
    assertThat(
            TenantNetworks.holds(
                atProvider(
                    SSH,
                    OFFICE,
                    SecurityGroupRule.allOutbound(),
                    new SecurityGroupRule("ALL", true, null, null, 0)),
                RULES))
        .isFalse();
    assertThat(
            TenantNetworks.holds(
                atProvider(SSH, SSH, OFFICE, SecurityGroupRule.allOutbound()), RULES))
        .isFalse();
  }

  @Test
  void theGroupsTemplateNamesItsRulesAndLetsEverythingOut() {
    assertThat(TenantNetworks.groupText("fw", List.of(SSH)))
        .isEqualTo(
            "NAME = \"fw\"\n"
                + "RULE = [ PROTOCOL = \"TCP\", RULE_TYPE = \"inbound\", RANGE = \"22\" ]\n"
                + "RULE = [ PROTOCOL = \"ALL\", RULE_TYPE = \"outbound\" ]\n");
  }
}
