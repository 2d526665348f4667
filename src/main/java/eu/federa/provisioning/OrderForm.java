package eu.federa.provisioning;

import eu.federa.placement.PlacementChoices;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.storage.Volumes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a member orders: a VM of an image and size, optionally within some countries and for a
 * project.
 *
 * @param countries allowed countries (within the tenant's residency); empty: the residency
 * @param idempotencyKey one per opened order form, so that a form sent twice orders once
 * @param allowOtherProvider place it elsewhere (within the same countries) if the chosen provider
 *     fails before the VM exists there
 * @param sshKeyIds the orderer's SSH keys to install on the VM (none: no key)
 * @param projectSshKeyIds keys of the order's project to install too
 * @param publicAddress the VM gets a public address too (only providers offering one are chosen,
 *     and it is billed by the hour)
 * @param volumeGib a volume of this size is made with the VM and attached to it once it runs (null
 *     or 0: none)
 * @param placement where it should run beyond the countries (certifications, edge or core, the
 *     users' site and a latency budget, providers, strategy); kept with the order, and applied
 *     again whenever it is placed again (approval, replacement); null: none
 */
public record OrderForm(
    String name,
    String imageCode,
    String sizeCode,
    List<String> countries,
    Long projectId,
    String idempotencyKey,
    boolean allowOtherProvider,
    List<Long> sshKeyIds,
    List<Long> projectSshKeyIds,
    boolean publicAddress,
    Integer volumeGib,
    PlacementChoices placement)
    implements Serializable {

  public OrderForm(
      String name,
      String imageCode,
      String sizeCode,
      List<String> countries,
      Long projectId,
      String idempotencyKey,
      boolean allowOtherProvider,
      List<Long> sshKeyIds,
      List<Long> projectSshKeyIds,
      boolean publicAddress,
      Integer volumeGib) {
    this(
        name,
        imageCode,
        sizeCode,
        countries,
        projectId,
        idempotencyKey,
        allowOtherProvider,
        sshKeyIds,
        projectSshKeyIds,
        publicAddress,
        volumeGib,
        null);
  }

  public OrderForm(
      String name,
      String imageCode,
      String sizeCode,
      List<String> countries,
      Long projectId,
      String idempotencyKey,
      boolean allowOtherProvider,
      List<Long> sshKeyIds,
      List<Long> projectSshKeyIds) {
    this(
        name,
        imageCode,
        sizeCode,
        countries,
        projectId,
        idempotencyKey,
        allowOtherProvider,
        sshKeyIds,
        projectSshKeyIds,
        false,
        null);
  }

  public OrderForm(
      String name,
      String imageCode,
      String sizeCode,
      List<String> countries,
      Long projectId,
      String idempotencyKey,
      boolean allowOtherProvider,
      List<Long> sshKeyIds) {
    this(
        name,
        imageCode,
        sizeCode,
        countries,
        projectId,
        idempotencyKey,
        allowOtherProvider,
        sshKeyIds,
        null);
  }

  public OrderForm(
      String name,
      String imageCode,
      String sizeCode,
      List<String> countries,
      Long projectId,
      String idempotencyKey,
      boolean allowOtherProvider) {
    this(
        name,
        imageCode,
        sizeCode,
        countries,
        projectId,
        idempotencyKey,
        allowOtherProvider,
        null,
        null);
  }

  public OrderForm(
      String name,
      String imageCode,
      String sizeCode,
      List<String> countries,
      Long projectId,
      String idempotencyKey) {
    this(name, imageCode, sizeCode, countries, projectId, idempotencyKey, false);
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** Most keys one VM is given (each is a line of the VM's context). */
  public static final int MAX_SSH_KEYS = 10;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  /** The size of the volume to make with the VM, 0 when none is asked for. */
  public int volumeGibOrNone() {
    return volumeGib == null ? 0 : volumeGib;
  }

  public OrderForm {
    countries = EuropeanCountries.copyOf(countries);
    sshKeyIds = ids(sshKeyIds);
    projectSshKeyIds = ids(projectSshKeyIds);
    placement = PlacementChoices.orNone(placement);
  }

  private static List<Long> ids(List<Long> ids) {
    return ids == null ? List.of() : ids.stream().filter(Objects::nonNull).toList();
  }

  /**
   * Checks the form on its own (the catalog and residency are checked by the service).
   *
   * @throws InvalidInputException with every problem found
   */
  public void check() {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(FieldError.of("name", "order.error.nameRequired"));
    } else if (!NAME.matcher(name).matches()) {
      errors.add(FieldError.of("name", "order.error.name"));
    }
    if (imageCode == null || imageCode.isBlank()) {
      errors.add(FieldError.of("image", "order.error.imageRequired"));
    }
    if (sizeCode == null || sizeCode.isBlank()) {
      errors.add(FieldError.of("size", "order.error.sizeRequired"));
    }
    EuropeanCountries.check(countries, "countries", "order.error.country", errors);
    placement.check(errors);
    if (sshKeyIds.size() + projectSshKeyIds.size() > MAX_SSH_KEYS) {
      errors.add(FieldError.of("sshKeys", "order.error.sshKeys", MAX_SSH_KEYS));
    }
    if (volumeGib != null
        && volumeGib != 0
        && (volumeGib < Volumes.MIN_GIB || volumeGib > Volumes.MAX_GIB)) {
      errors.add(FieldError.of("volumeGib", "volume.error.size", Volumes.MIN_GIB, Volumes.MAX_GIB));
    }
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      errors.add(FieldError.of("idempotencyKey", "order.error.key"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }
}
