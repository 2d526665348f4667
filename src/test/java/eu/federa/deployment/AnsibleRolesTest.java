package eu.federa.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
      for (Path env : find(rendered, "federa.env")) {
        assertThat(Files.readString(env))
            .contains(galera ? "wsrep_sync_wait=1" : "DB_URL=jdbc:mariadb://127.0.0.1:3306/federa");
      }
    }
  }

  private static List<Path> find(Path dir, String file) throws IOException {
    List<Path> found = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      files.filter(p -> p.getFileName().toString().equals(file)).forEach(found::add);
    }
    return found;
  }
}
