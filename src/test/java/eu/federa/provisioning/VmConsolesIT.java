package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderForm;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.registry.ProviderRejectedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.TeamProjects;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #23: a VM's console, where its provider exposes one, opened only by members of the VM's
 * project who may order, through a short-lived link signed for one person and one VM.
 */
class VmConsolesIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  private static final Pattern LINK =
      Pattern.compile(
          "api/v1/tenants/(\\d+)/orders/(\\d+)/console\\?expires=(\\d+)&signature=([\\w-]+)");

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject Catalog catalog;
  @Inject TeamFixture fixture;
  @Inject TeamProjects projects;
  @Inject OrderPlacement placing;
  @Inject OrderQueries orders;
  @Inject VmActions actions;
  @Inject VmConsoles consoles;
  @Inject LinkSigner signer;
  @Inject AiServices ai;

  private SimulatedSite site;

  @AfterEach
  void stop() {
    if (site != null) {
      PlatformAdminCaller.reset();
      fixture.execute(
          "UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", site.providerId);
      site.stop(registry);
    }
  }

  private void consolePage(String url) {
    ProviderForm f = registry.formOf(site.providerId).orElseThrow();
    registry.update(
        site.providerId,
        new ProviderForm(
            f.name(),
            f.legalEntity(),
            f.countryCode(),
            f.city(),
            f.latitude(),
            f.longitude(),
            f.jurisdiction(),
            f.certifications(),
            f.endpointUrl(),
            f.apiUsername(),
            null,
            f.enabled(),
            f.edgeSite(),
            f.notes(),
            f.publicNetwork(),
            url));
  }

  private AuthenticatedUser member(long tenantId, String name, String role, Long projectId) {
    AuthenticatedUser person = fixture.memberOf(tenantId, name, "console.example");
    fixture.execute(
        "UPDATE tenant_membership SET role = ?1 WHERE tenant_id = ?2 AND user_subject = ?3",
        role,
        tenantId,
        person.subject());
    if (projectId != null) {
      fixture.execute(
          "INSERT INTO project_member (membership_id, project_id) SELECT id, ?1"
              + " FROM tenant_membership WHERE tenant_id = ?2 AND user_subject = ?3",
          projectId,
          tenantId,
          person.subject());
    }
    return person;
  }

  private static Matcher parsed(String link) {
    Matcher m = LINK.matcher(link);
    assertThat(m.matches()).as(link).isTrue();
    return m;
  }

  private URI open(long tenantId, String link) {
    Matcher m = parsed(link);
    return consoles.open(
        tenantId, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), m.group(4));
  }

  @Test
  void onlyTheVmsProjectMembersOpenItsConsoleEachThroughALinkOfTheirOwn() throws Exception {
    site = SimulatedSite.start(registry, sync, catalog, "con", "10.79.0.10");
    for (String bad :
        List.of(
            "ftp://console.example/{vmId}",
            "https://console.example/vm",
            "http://console.example/{vmId}",
            "https://user:pw@console.example/{vmId}")) {
      assertThatThrownBy(() -> consolePage(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ProviderRejectedException.class,
              e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("consoleUrl"));
    }
    consolePage("https://console.con.example/vm/{vmId}?lang=en");

    String tag = UUID.randomUUID().toString().substring(0, 6);
    AuthenticatedUser ada = fixture.person("Ada", "con-" + tag + ".example");
    long acme = fixture.tenantOf(ada, "Console Test " + tag);
    fixture.as(ada);
    long ops = projects.createProject(acme, "Ops", "");
    AuthenticatedUser mia = member(acme, "Mia", "MEMBER", ops);
    AuthenticatedUser max = member(acme, "Max", "MEMBER", null);
    AuthenticatedUser vic = member(acme, "Vic", "VIEWER", ops);

    fixture.as(ada);
    long id =
        placing.placeOrder(
            acme,
            new OrderForm(
                "web-1", site.image, "s-2", List.of(), ops, UUID.randomUUID().toString()));
    OrderView vm =
        eventually(Duration.ofSeconds(60))
            .until(() -> orders.order(acme, id), v -> v.state() == OrderState.RUNNING);

    String adasLink = consoles.link(acme, id);
    assertThat(open(acme, adasLink))
        .isEqualTo(URI.create("https://console.con.example/vm/" + vm.vmId() + "?lang=en"));

    fixture.as(mia);
    assertThat(consoles.availability(acme, id).open()).isTrue();
    String miasLink = consoles.link(acme, id);
    assertThat(open(acme, miasLink).toString()).endsWith("/vm/" + vm.vmId() + "?lang=en");
    // Ada's link is Ada's: signed for her.
    assertThatThrownBy(() -> open(acme, adasLink)).hasMessage("console.badLink");
    // A link made to last longer than it was signed for is no link.
    Matcher m = parsed(miasLink);
    assertThatThrownBy(() -> consoles.open(acme, id, Long.parseLong(m.group(3)) + 3600, m.group(4)))
        .hasMessage("console.badLink");
    // A link signed for her, but past its time.
    long past = Instant.now().minusSeconds(1).getEpochSecond();
    String expired =
        signer.sign(VmConsoles.SIGNED_FOR, VmConsoles.signedText(mia.subject(), acme, id, past));
    assertThatThrownBy(() -> consoles.open(acme, id, past, expired)).hasMessage("console.expired");

    // Not a member of the VM's project, or one who may not order: no console.
    fixture.as(max);
    assertThat(consoles.availability(acme, id).reasonKey()).isEqualTo("console.notMember");
    assertThatThrownBy(() -> consoles.link(acme, id))
        .isInstanceOf(ConflictException.class)
        .hasMessage("console.notMember");
    fixture.as(vic);
    assertThat(consoles.availability(acme, id).reasonKey()).isEqualTo("console.notMember");

    // Another organisation's person: not found.
    AuthenticatedUser gus = fixture.person("Gus", "other-" + tag + ".example");
    fixture.tenantOf(gus, "Other " + tag);
    fixture.as(gus);
    assertThatThrownBy(() -> consoles.availability(acme, id)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> open(acme, miasLink)).isInstanceOf(NotFoundException.class);

    // Only while it runs; and only where the provider has a console.
    fixture.as(ada);
    actions.stop(acme, id);
    eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(acme, id).state(), s -> s == OrderState.STOPPED);
    assertThat(consoles.availability(acme, id).reasonKey()).isEqualTo("console.notRunning");
    PlatformAdminCaller.reset();
    consolePage(null);
    fixture.as(ada);
    assertThat(consoles.availability(acme, id).reasonKey()).isEqualTo("console.none");
  }

  @Test
  void aNotebookOpensItsJupyterLabThroughALinkOfTheCallersOwn() throws Exception {
    site = SimulatedSite.start(registry, sync, catalog, "nbk", "10.78.0.10");
    catalog.offer("jupyterlab", site.providerId, site.template);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    AuthenticatedUser ada = fixture.person("Ada", "nbk-" + tag + ".example");
    long acme = fixture.tenantOf(ada, "Notebook Test " + tag);
    AuthenticatedUser mia = member(acme, "Mia", "MEMBER", null);
    AuthenticatedUser vic = member(acme, "Vic", "VIEWER", null);
    fixture.as(mia);
    long serviceId =
        ai.order(
            acme,
            new AiServiceForm(
                AiKind.NOTEBOOK,
                "lab-" + tag,
                null,
                "s-2",
                1,
                null,
                null,
                List.of(),
                UUID.randomUUID().toString(),
                null));
    AiServiceView running =
        eventually(Duration.ofSeconds(60))
            .until(() -> ai.service(acme, serviceId), v -> v.state() == OrderState.RUNNING);
    OrderView vm = running.vms().get(0);

    String link = consoles.link(acme, vm.id(), VmConsoles.Target.NOTEBOOK);
    Matcher m =
        Pattern.compile(
                "api/v1/tenants/(\\d+)/orders/(\\d+)/notebook\\?expires=(\\d+)&signature=([\\w-]+)")
            .matcher(link);
    assertThat(m.matches()).as(link).isTrue();
    long expires = Long.parseLong(m.group(3));
    URI lab = consoles.open(acme, vm.id(), VmConsoles.Target.NOTEBOOK, expires, m.group(4));
    assertThat(lab.toString())
        .isEqualTo(
            "http://127.0.0.1:" + site.simulator.port() + "/appliances/" + vm.ipAddress() + "/lab");
    // The notebook's appliance serves JupyterLab there.
    java.net.http.HttpResponse<String> page =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(lab).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("JupyterLab");
    // A console link does not open the notebook, nor the notebook's link a console.
    assertThatThrownBy(
            () -> consoles.open(acme, vm.id(), VmConsoles.Target.CONSOLE, expires, m.group(4)))
        .hasMessage("console.badLink");
    // Someone else's link, and someone who may not order, are refused.
    fixture.as(ada);
    assertThatThrownBy(
            () -> consoles.open(acme, vm.id(), VmConsoles.Target.NOTEBOOK, expires, m.group(4)))
        .hasMessage("console.badLink");
    fixture.as(vic);
    assertThat(consoles.availability(acme, vm.id(), VmConsoles.Target.NOTEBOOK).reasonKey())
        .isEqualTo("console.notMember");
    // An ordinary VM has no notebook.
    fixture.as(ada);
    long plain =
        placing.placeOrder(
            acme,
            new OrderForm(
                "web-2", site.image, "s-2", List.of(), null, UUID.randomUUID().toString()));
    assertThat(consoles.availability(acme, plain, VmConsoles.Target.NOTEBOOK).reasonKey())
        .isEqualTo("console.notNotebook");
  }

  @Test
  void aProjectsNotebookIsOrderedAndOpenedByItsMembersOnly() throws Exception {
    site = SimulatedSite.start(registry, sync, catalog, "nbp", "10.77.0.10");
    catalog.offer("jupyterlab", site.providerId, site.template);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    AuthenticatedUser ada = fixture.person("Ada", "nbp-" + tag + ".example");
    long acme = fixture.tenantOf(ada, "Project Notebook Test " + tag);
    long lab = projects.createProject(acme, "Lab", "");
    AuthenticatedUser mia = member(acme, "Mia", "MEMBER", lab);
    AuthenticatedUser noa = member(acme, "Noa", "MEMBER", null);
    java.util.function.Function<String, AiServiceForm> form =
        name ->
            new AiServiceForm(
                AiKind.NOTEBOOK,
                name,
                null,
                "s-2",
                1,
                null,
                null,
                List.of(),
                UUID.randomUUID().toString(),
                lab);
    // A member outside the project cannot order for it; nothing is written.
    fixture.as(noa);
    assertThatThrownBy(() -> ai.order(acme, form.apply("lab-noa")))
        .isInstanceOfSatisfying(
            eu.federa.platform.validation.InvalidInputException.class,
            e ->
                assertThat(e.errors().get(0).messageKey())
                    .isEqualTo("order.error.projectNotMember"));
    assertThat(ai.page(acme, 0, 25).rows()).isEmpty();

    fixture.as(mia);
    long serviceId = ai.order(acme, form.apply("lab-" + tag));
    AiServiceView running =
        eventually(Duration.ofSeconds(60))
            .until(() -> ai.service(acme, serviceId), v -> v.state() == OrderState.RUNNING);
    assertThat(running.projectId()).isEqualTo(lab);
    OrderView vm = running.vms().get(0);
    assertThat(vm.projectId()).isEqualTo(lab);
    assertThat(consoles.availability(acme, vm.id(), VmConsoles.Target.NOTEBOOK).open()).isTrue();
    Matcher link =
        Pattern.compile(
                "api/v1/tenants/\\d+/orders/\\d+/notebook\\?expires=(\\d+)&signature=([\\w-]+)")
            .matcher(consoles.link(acme, vm.id(), VmConsoles.Target.NOTEBOOK));
    assertThat(link.matches()).isTrue();
    URI opened =
        consoles.open(
            acme,
            vm.id(),
            VmConsoles.Target.NOTEBOOK,
            Long.parseLong(link.group(1)),
            link.group(2));
    assertThat(opened.toString()).endsWith("/appliances/" + vm.ipAddress() + "/lab");
    // A member of the organisation outside the project gets no link; its admin does.
    fixture.as(noa);
    assertThat(consoles.availability(acme, vm.id(), VmConsoles.Target.NOTEBOOK).reasonKey())
        .isEqualTo("console.notMember");
    assertThatThrownBy(() -> consoles.link(acme, vm.id(), VmConsoles.Target.NOTEBOOK))
        .hasMessage("console.notMember");
    fixture.as(ada);
    assertThat(consoles.availability(acme, vm.id(), VmConsoles.Target.NOTEBOOK).open()).isTrue();
  }
}
