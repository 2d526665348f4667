package eu.federa.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the Ansible roles (ansible/) pass Ansible's syntax check with each inventory and
 * ansible-lint's production profile, and what they render for each host of each inventory is right:
 * HAProxy's own check accepts the proxy's rules, the shell accepts the backup script. Needs
 * Debian's ansible, ansible-lint, haproxy and openssl ({@code ./federa test} installs them).
 */
class AnsibleRolesTest {

  private static final Path ANSIBLE = Path.of("ansible").toAbsolutePath();
  private static final List<String> INVENTORIES =
      List.of("inventories/single-host/hosts.ini", "inventories/cluster/hosts.yml");

  private record Run(int exit, String output) {}

  private static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Process p;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().put("ANSIBLE_NOCOLOR", "1");
      builder.environment().put("NO_COLOR", "1");
      builder
          .environment()
          .put("ANSIBLE_LOCAL_TEMP", System.getProperty("java.io.tmpdir") + "/federa-ansible");
      p = builder.start();
    } catch (IOException missing) {
      throw new AssertionError(
          command[0]
              + " is missing: apt-get install -y ansible ansible-lint haproxy openssl"
              + " (./federa test installs them)",
          missing);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void thePlaybookPassesTheSyntaxCheckWithEachInventory() throws Exception {
    for (String inventory : INVENTORIES) {
      Run check = run(ANSIBLE, "ansible-playbook", "-i", inventory, "site.yml", "--syntax-check");
      assertThat(check.exit()).as(inventory + ":\n" + check.output()).isZero();
    }
  }

  @Test
  void theRolesPassAnsibleLintsProductionProfile() throws Exception {
    Run lint =
        run(
            ANSIBLE,
            "ansible-lint",
            "--offline",
            "--profile",
            "production",
            "site.yml",
            "render-check.yml");
    assertThat(lint.exit()).as(lint.output()).isZero();
  }

  @Test
  void eachHostsFilesRenderAndTheProxysRulesPassHaproxysCheck(@TempDir Path tmp) throws Exception {
    Path pem = eu.federa.devstack.SelfSignedPem.make(tmp, "test");
    for (String inventory : INVENTORIES) {
      String name = inventory.split("/")[1];
      Path rendered = tmp.resolve(name);
      Files.createDirectories(rendered);
      Run render =
          run(
              ANSIBLE,
              "ansible-playbook",
              "-i",
              inventory,
              "render-check.yml",
              "-e",
              "@tests/example-secrets.yml",
              "-e",
              "federa_render_dir=" + rendered);
      assertThat(render.exit()).as(inventory + ":\n" + render.output()).isZero();

      List<Path> proxies = find(rendered, "haproxy.cfg");
      assertThat(proxies).as(inventory).hasSize(1);
      String rules = Files.readString(proxies.get(0));
      Path checked = tmp.resolve(name + "-haproxy.cfg");
      Files.writeString(checked, rules.replace("/etc/haproxy/certs/federa.pem", pem.toString()));
      Run haproxy = run(tmp, "haproxy", "-c", "-f", checked.toString());
      assertThat(haproxy.exit()).as(inventory + ":\n" + haproxy.output()).isZero();
      // TLS ends here with HSTS; the forwarded headers are the proxy's alone.
      assertThat(rules)
          .contains("Strict-Transport-Security")
          .contains("redirect scheme https")
          .contains("http-request del-header X-Forwarded-For");
      boolean galera = name.equals("cluster");
      assertThat(rules.contains("listen galera"))
          .as(inventory + ": one Galera writer")
          .isEqualTo(galera);

      for (Path backup : find(rendered, "federa-db-backup.sh")) {
        Run syntax = run(tmp, "sh", "-n", backup.toString());
        assertThat(syntax.exit()).as(backup + ":\n" + syntax.output()).isZero();
      }
      for (Path settings : find(rendered, "60-federa.cnf")) {
        assertThat(Files.readString(settings).contains("wsrep_on = ON")).isEqualTo(galera);
      }
      // Production imports no demo user (olivia is a platform admin with the demo password), nor
      // the demo's partner identity provider, whose realm only the dev stack has.
      List<Path> realms = find(rendered, "federa-realm.json");
      assertThat(realms).as(inventory).isNotEmpty();
      for (Path realm : realms) {
        assertThat(Files.readString(realm))
            .contains("\"service-account-federa-admin\"")
            .contains("${FEDERA_PORTAL_CLIENT_SECRET}")
            .contains("\"identityProviders\": []")
            .doesNotContain("\"olivia\"")
            .doesNotContain("FEDERA_DEMO_PASSWORD")
            .doesNotContain("/realms/partner")
            .doesNotContain("PARTNER_BROKER_CLIENT_SECRET");
      }
      for (Path env : find(rendered, "keycloak.env")) {
        assertThat(Files.readString(env))
            .doesNotContain("FEDERA_DEMO_PASSWORD")
            .doesNotContain("PARTNER_BROKER");
      }
      for (Path env : find(rendered, "federa.env")) {
        assertThat(Files.readString(env))
            .contains(galera ? "wsrep_sync_wait=1" : "DB_URL=jdbc:mariadb://127.0.0.1:3306/federa");
      }
    }
  }

  /**
   * A role sees its own defaults and the group variables, not another role's defaults: a variable
   * one role defines and another reads must be in group_vars/all.yml (the mariadb role once read
   * keycloak_db_password from the keycloak role's defaults, and failed on a real host).
   */
  @Test
  void noRoleReadsAnotherRolesDefaults() throws IOException {
    Set<String> shared = keys(ANSIBLE.resolve("group_vars/all.yml"));
    Map<String, Set<String>> defaults = new TreeMap<>();
    try (var roles = Files.list(ANSIBLE.resolve("roles"))) {
      for (Path role : roles.toList()) {
        Set<String> own = new HashSet<>();
        for (String kind : List.of("defaults/main.yml", "vars/main.yml")) {
          if (Files.isRegularFile(role.resolve(kind))) {
            own.addAll(keys(role.resolve(kind)));
          }
        }
        defaults.put(role.getFileName().toString(), own);
      }
    }
    List<String> crossings = new ArrayList<>();
    for (String role : defaults.keySet()) {
      String text = allText(ANSIBLE.resolve("roles").resolve(role));
      for (var other : defaults.entrySet()) {
        if (other.getKey().equals(role)) {
          continue;
        }
        for (String name : other.getValue()) {
          if (!shared.contains(name)
              && !defaults.get(role).contains(name)
              && Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
            crossings.add(role + " reads " + name + " of role " + other.getKey());
          }
        }
      }
    }
    assertThat(crossings).isEmpty();
  }

  private static Set<String> keys(Path yaml) throws IOException {
    Set<String> keys = new HashSet<>();
    Matcher m = Pattern.compile("(?m)^([a-z][a-z0-9_]*):").matcher(Files.readString(yaml));
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static String allText(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        text.append(Files.readString(file)).append('\n');
      }
    }
    return text.toString();
  }

  private static List<Path> find(Path dir, String file) throws IOException {
    List<Path> found = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      files.filter(p -> p.getFileName().toString().equals(file)).forEach(found::add);
    }
    return found;
  }
}
