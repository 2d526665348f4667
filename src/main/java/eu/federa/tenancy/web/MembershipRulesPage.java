package eu.federa.tenancy.web;

import eu.federa.identity.KeycloakDirectory;
import eu.federa.identity.KeycloakDirectory.IdentityProviderInfo;
import eu.federa.identity.KeycloakUnavailableException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.MembershipRuleForm;
import eu.federa.tenancy.MembershipRules;
import eu.federa.tenancy.RuleKind;
import eu.federa.tenancy.TenantRole;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the platform admins' membership rules: which partner users land in which tenant, with which
 * role. The identity providers are listed from Keycloak, so that aliases are not guessed.
 */
@Named
@ViewScoped
public class MembershipRulesPage implements Serializable {

  /** Rows a page of the rules' table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject MembershipRules rules;
  @Inject KeycloakDirectory keycloak;

  private LazyDataModel<MembershipRules.Line> list;
  private Map<Long, String> tenants;
  private List<IdentityProviderInfo> identityProviders = List.of();
  private boolean keycloakAvailable;

  private String kind = RuleKind.EMAIL_DOMAIN.name();
  private String value;
  private Long tenantId;
  private String role = TenantRole.MEMBER.name();
  private String trusted = RuleKind.LOCAL_ACCOUNTS;

  @PostConstruct
  void open() {
    load();
    try {
      identityProviders = keycloak.identityProviders();
      keycloakAvailable = true;
    } catch (KeycloakUnavailableException e) {
      keycloakAvailable = false;
    }
  }

  private void load() {
    list =
        ServerPagedList.of(
            MembershipRules.class,
            (service, first, max) -> service.page(first, max),
            ROWS,
            MembershipRules.Line::id);
    tenants = rules.tenants();
  }

  public void create() {
    try {
      rules.create(new MembershipRuleForm(kind, value, tenantId, role, trusted));
      FormMessages.info("rules.created");
      value = null;
    } catch (InvalidInputException e) {
      FormMessages.show("rule-form", e.errors());
    }
    load();
  }

  public void delete(long ruleId) {
    rules.delete(ruleId);
    FormMessages.info("rules.deleted");
    load();
  }

  public LazyDataModel<MembershipRules.Line> getList() {
    if (list == null) {
      load();
    }
    return list;
  }

  public Map<Long, String> getTenants() {
    return tenants;
  }

  public List<IdentityProviderInfo> getIdentityProviders() {
    return identityProviders;
  }

  public boolean isKeycloakAvailable() {
    return keycloakAvailable;
  }

  public RuleKind[] getKinds() {
    return RuleKind.values();
  }

  public TenantRole[] getRoles() {
    return TenantRole.values();
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public Long getTenantId() {
    return tenantId;
  }

  public void setTenantId(Long tenantId) {
    this.tenantId = tenantId;
  }

  public String getTrusted() {
    return trusted;
  }

  public void setTrusted(String trusted) {
    this.trusted = trusted;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public int getRows() {
    return ROWS;
  }
}
