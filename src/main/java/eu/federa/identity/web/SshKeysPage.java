package eu.federa.identity.web;

import eu.federa.identity.SshKeys;
import eu.federa.identity.SshKeys.KeyView;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Backs the profile's SSH keys page: the form to add one, the list with fingerprints. */
@Named
@ViewScoped
public class SshKeysPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SshKeys keys;

  private String name;
  private String publicKey;
  private List<KeyView> mine;

  @PostConstruct
  void load() {
    mine = keys.mine();
  }

  public void add() {
    try {
      keys.add(name, publicKey);
      FormMessages.info("sshkey.added", name.strip());
      name = null;
      publicKey = null;
    } catch (InvalidInputException e) {
      FormMessages.show("keys", e.errors());
    }
    load();
  }

  public void remove(long keyId) {
    try {
      keys.remove(keyId);
      FormMessages.info("sshkey.removed");
    } catch (NotFoundException gone) {
      FormMessages.error("sshkey.error.gone");
    }
    load();
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

  public List<KeyView> getMine() {
    return mine;
  }

  public int getMaxKeys() {
    return SshKeys.MAX_PER_USER;
  }
}
