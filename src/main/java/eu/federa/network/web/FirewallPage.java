package eu.federa.network.web;

import eu.federa.network.SecurityGroups;
import eu.federa.network.SecurityGroups.Overview;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs the firewall page: the tenant's inbound rules, how far each provider's copy is, and for
 * tenant admins the form to add a rule and the buttons to remove one.
 */
@Named
@ViewScoped
public class FirewallPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SecurityGroups groups;
  @Inject CurrentTenant tenant;

  private Overview overview;
  private String protocol = "TCP";
  private Integer portFrom;
  private Integer portTo;
  private String source = "0.0.0.0/0";

  @PostConstruct
  void open() {
    load();
  }

  /** Reads the rules again (also the poll that shows the providers catching up). */
  public void load() {
    overview = tenant.getId() == null ? null : groups.overview(tenant.getId());
  }

  public void add() {
    try {
      groups.add(tenant.getId(), protocol, portFrom, portTo, source);
      FormMessages.info("firewall.added");
      portFrom = null;
      portTo = null;
      source = "0.0.0.0/0";
    } catch (InvalidInputException e) {
      FormMessages.show("firewall", e.errors());
    }
    load();
  }

  public void remove(long ruleId) {
    try {
      groups.remove(tenant.getId(), ruleId);
      FormMessages.info("firewall.removed");
    } catch (NotFoundException gone) {
      FormMessages.error("firewall.error.gone");
    }
    load();
  }

  public boolean isMember() {
    return overview != null;
  }

  public boolean isCanEdit() {
    return tenant.isAdmin();
  }

  public Overview getOverview() {
    return overview;
  }

  /** Whether a provider's copy is still behind, so the page keeps looking. */
  public boolean isCatchingUp() {
    return overview != null && overview.providers().stream().anyMatch(p -> !p.current());
  }

  public List<String> getProtocols() {
    return List.of("TCP", "UDP", "ICMP", "ALL");
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public Integer getPortFrom() {
    return portFrom;
  }

  public void setPortFrom(Integer portFrom) {
    this.portFrom = portFrom;
  }

  public Integer getPortTo() {
    return portTo;
  }

  public void setPortTo(Integer portTo) {
    this.portTo = portTo;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }
}
