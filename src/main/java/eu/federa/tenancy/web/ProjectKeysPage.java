package eu.federa.tenancy.web;

import eu.federa.identity.SshKeys.KeyView;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.ProjectSshKeys;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs the SSH keys part of a project's page: the list, and for tenant admins add and remove. */
@Named
@ViewScoped
public class ProjectKeysPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ProjectSshKeys keys;
  @Inject CurrentTenant tenant;

  private Long projectId;
  private List<KeyView> list = List.of();
  private String name;
  private String publicKey;

  /** The project's keys as the project page's one call read them when the view opened. */
  public void show(long projectId, List<KeyView> keys) {
    this.projectId = projectId;
    list = keys;
  }

  private void load() {
    list = keys.list(tenant.getId(), projectId);
  }

  public void add() {
    try {
      keys.add(tenant.getId(), projectId, name, publicKey);
      FormMessages.info("sshkey.added", name.strip());
      name = null;
      publicKey = null;
    } catch (InvalidInputException e) {
      FormMessages.show("projectKeys", e.errors());
    }
    load();
  }

  public void remove(long keyId) {
    try {
      keys.remove(tenant.getId(), projectId, keyId);
      FormMessages.info("sshkey.removed");
    } catch (NotFoundException gone) {
      FormMessages.error("sshkey.error.gone");
    }
    load();
  }

  public List<KeyView> getList() {
    return list;
  }

  public boolean isCanEdit() {
    return tenant.isAdmin();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPublicKey() {
    return publicKey;
  }

  public void setPublicKey(String publicKey) {
    this.publicKey = publicKey;
  }
}
