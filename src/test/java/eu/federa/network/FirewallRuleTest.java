package eu.federa.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import eu.federa.cloud.SecurityGroupRule;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallRuleTest {

  @Test
  void aSinglePortRuleFromARangeIsKeptAsTyped() {
    FirewallRule rule = FirewallRule.of("tcp", 443, null, " 192.0.2.0/24 ");

    assertThat(rule.protocol()).isEqualTo(FirewallRule.Protocol.TCP);
    assertThat(rule.portFrom()).isEqualTo(443);
    assertThat(rule.portTo()).isEqualTo(443);
    assertThat(rule.source()).hasToString("192.0.2.0/24");
    assertThat(rule.ports()).isEqualTo("443");
  }

  @Test
  void oneAddressWithoutAPrefixIsASlash32() {
    assertThat(FirewallRule.of("UDP", 53, 53, "198.51.100.7").source())
        .hasToString("198.51.100.7/32");
  }

  @Test
  void atTheProviderARangeBecomesFirstAddressAndSize() {
    SecurityGroupRule atProvider = FirewallRule.of("TCP", 8000, 8080, "10.1.0.0/16").atProvider();

    assertThat(atProvider)
        .isEqualTo(new SecurityGroupRule("TCP", true, "8000:8080", "10.1.0.0", 65536));
    assertThat(atProvider.templateText())
        .isEqualTo(
            "RULE = [ PROTOCOL = \"TCP\", RULE_TYPE = \"inbound\", RANGE = \"8000:8080\","
                + " IP = \"10.1.0.0\", SIZE = \"65536\" ]\n");
  }

  @Test
  void anIpv6RangeIsWrittenShortestAndGoesToTheProviderAsFirstAddressAndSize() {
    assertThat(FirewallRule.of("TCP", 22, null, "2001:DB8:0:0:0:0:0:1").source())
        .hasToString("2001:db8::1/128");
    assertThat(FirewallRule.of("TCP", 22, null, "2001:db8:0:1:0:0:0:0/112").source())
        .hasToString("2001:db8:0:1::/112");
    assertThat(FirewallRule.of("TCP", 443, null, "2001:db8::/97").atProvider())
        .isEqualTo(new SecurityGroupRule("TCP", true, "443", "2001:db8::", 2_147_483_648L));
    // Two ranges of different families never hold each other; anywhere holds both.
    SourceRange v6 = SourceRange.parse("2001:db8::/112");
    assertThat(SourceRange.parse("0.0.0.0/0").contains(v6)).isTrue();
    assertThat(SourceRange.parse("10.0.0.0/8").contains(v6)).isFalse();
    assertThat(v6.contains(SourceRange.parse("2001:db8::7"))).isTrue();
    assertThat(v6.contains(SourceRange.parse("2001:db9::7"))).isFalse();
  }

  @Test
  void anywhereNamesNoAddressAtTheProvider() {
    assertThat(FirewallRule.SSH_FROM_ANYWHERE.atProvider())
        .isEqualTo(new SecurityGroupRule("TCP", true, "22", null, 0));
    assertThat(FirewallRule.of("ICMP", null, null, "::/0").atProvider())
        .isEqualTo(new SecurityGroupRule("ICMP", true, null, null, 0));
  }

  @Test
  void portZeroAndPortsBeyondTheLastAreRefused() {
    assertThat(errors("TCP", 0, null, "0.0.0.0/0"))
        .extracting(FieldError::field, FieldError::messageKey)
        .contains(tuple("portFrom", "firewall.error.port"), tuple("portTo", "firewall.error.port"));
    assertThat(errors("UDP", 1, 65536, "0.0.0.0/0"))
        .extracting(FieldError::messageKey)
        .containsExactly("firewall.error.port");
  }

  @Test
  void portsOutOfOrderOrMissingOrOnAProtocolWithoutPortsAreRefused() {
    assertThat(keys("TCP", 90, 80, "0.0.0.0/0")).containsExactly("firewall.error.portOrder");
    assertThat(keys("TCP", null, null, "0.0.0.0/0")).containsExactly("firewall.error.portNeeded");
    assertThat(keys("ICMP", 22, null, "0.0.0.0/0")).containsExactly("firewall.error.noPorts");
    assertThat(keys("GRE", null, null, "0.0.0.0/0")).containsExactly("firewall.error.protocol");
  }

  @Test
  void badSourcesAreRefusedWithWhatIsWrong() {
    assertThat(keys("TCP", 22, null, "")).containsExactly("firewall.error.sourceEmpty");
    assertThat(keys("TCP", 22, null, "10.0.0.0/33")).containsExactly("firewall.error.prefix");
    assertThat(keys("TCP", 22, null, "10.0.0.256/32")).containsExactly("firewall.error.cidr");
    assertThat(keys("TCP", 22, null, "example.org")).containsExactly("firewall.error.cidr");
    assertThat(keys("TCP", 22, null, "010.0.0.0/8")).containsExactly("firewall.error.cidr");
    assertThat(keys("TCP", 22, null, "2001:db8::/64")).containsExactly("firewall.error.ipv6Prefix");
    assertThat(keys("TCP", 22, null, "2001:db8::/129")).containsExactly("firewall.error.prefix");
    assertThat(keys("TCP", 22, null, "2001:db8::g")).containsExactly("firewall.error.cidr6");
    assertThat(keys("TCP", 22, null, "fe80::1%eth0")).containsExactly("firewall.error.cidr6");
    assertThat(keys("TCP", 22, null, "1:2:3:4:5:6:7:8:9")).containsExactly("firewall.error.cidr6");
    assertThat(keys("TCP", 22, null, "::ffff:192.0.2.1")).containsExactly("firewall.error.cidr6");
    assertThat(errors("TCP", 22, null, "2001:db8::1/112"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.arguments()).containsExactly("2001:db8::1/112", "2001:db8::/112"));
    List<FieldError> hostBits = errors("TCP", 22, null, "10.1.2.3/16");
    assertThat(hostBits)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.messageKey()).isEqualTo("firewall.error.hostBits");
              assertThat(e.arguments()).containsExactly("10.1.2.3/16", "10.1.0.0/16");
            });
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThat(keys("TCP", 0, null, "nowhere"))
        .contains("firewall.error.port", "firewall.error.cidr");
  }

  @Test
  void rulesOverTheSameTrafficOverlap() {
    FirewallRule ssh = FirewallRule.SSH_FROM_ANYWHERE;

    assertThat(ssh.overlaps(FirewallRule.of("TCP", 22, null, "0.0.0.0/0"))).isTrue();
    assertThat(ssh.overlaps(FirewallRule.of("TCP", 22, null, "10.0.0.0/8"))).isTrue();
    assertThat(ssh.overlaps(FirewallRule.of("TCP", 1, 1024, "10.0.0.0/8"))).isTrue();
    assertThat(ssh.overlaps(FirewallRule.of("ALL", null, null, "192.0.2.1"))).isTrue();
    assertThat(
            FirewallRule.of("TCP", 20, 30, "10.0.0.0/8")
                .overlaps(FirewallRule.of("TCP", 25, 40, "10.2.0.0/16")))
        .isTrue();
  }

  @Test
  void rulesOverDifferentTrafficDoNotOverlap() {
    FirewallRule ssh = FirewallRule.SSH_FROM_ANYWHERE;

    assertThat(ssh.overlaps(FirewallRule.of("UDP", 22, null, "0.0.0.0/0"))).isFalse();
    assertThat(ssh.overlaps(FirewallRule.of("TCP", 23, 80, "0.0.0.0/0"))).isFalse();
    assertThat(ssh.overlaps(FirewallRule.of("ICMP", null, null, "0.0.0.0/0"))).isFalse();
    FirewallRule office = FirewallRule.of("TCP", 443, null, "192.0.2.0/25");
    assertThat(office.overlaps(FirewallRule.of("TCP", 443, null, "192.0.2.128/25"))).isFalse();
  }

  private static List<FieldError> errors(String protocol, Integer from, Integer to, String source) {
    try {
      FirewallRule.of(protocol, from, to, source);
    } catch (InvalidInputException e) {
      return e.errors();
    }
    throw new AssertionError("accepted: " + protocol + " " + from + " " + to + " " + source);
  }

  private static List<String> keys(String protocol, Integer from, Integer to, String source) {
    return errors(protocol, from, to, source).stream().map(FieldError::messageKey).toList();
  }

  @Test
  void aRuleIsNeverHalfBuilt() {
    assertThatThrownBy(() -> FirewallRule.of(null, null, null, null))
        .isInstanceOf(InvalidInputException.class);
  }
}
