package eu.federa.storage;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A volume: an extra disk of a project at one provider. Its transitions are the rules of what a
 * user may do with it when; the worker carries out the states in progress ({@link VolumeState}).
 */
@Entity
@Table(name = "volume")
public class Volume extends StepRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "project_id", updatable = false)
  private Long projectId;

  @Column(nullable = false, updatable = false, length = 63)
  private String name;

  @Column(name = "size_gib", nullable = false, updatable = false)
  private int sizeGib;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private VolumeState state;

  @Column(name = "provider_id", nullable = false)
  private long providerId;

  @Column(name = "provider_name", nullable = false)
  private String providerName;

  @Column(name = "country_code", nullable = false, length = 2)
  private String countryCode;

  @Column(name = "one_datastore_id")
  private Integer oneDatastoreId;

  @Column(name = "one_image_id")
  private Integer oneImageId;

  @Column(name = "order_id")
  private Long orderId;

  @Column(name = "vm_name", length = 63)
  private String vmName;

  @Column(name = "one_vm_id")
  private Integer oneVmId;

  @Column(name = "disk_id")
  private Integer diskId;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(length = 1000)
  private String reason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "deleted_at")
  private Instant deletedAt;

  protected Volume() {}

  /** A new volume of the VM's project at the VM's provider, made for that VM and attached to it. */
  Volume(VmTarget vm, String name, int sizeGib, Instant now) {
    this(vm, name, sizeGib, VolumeState.CREATING, now);
  }

  /**
   * A new volume for the VM: made now ({@code CREATING}), or once the VM runs ({@code WAITING}, for
   * a volume ordered with its VM).
   */
  Volume(VmTarget vm, String name, int sizeGib, VolumeState first, Instant now) {
    this.tenantId = vm.tenantId();
    this.projectId = vm.projectId();
    this.name = name;
    this.sizeGib = sizeGib;
    this.state = first;
    this.createdAt = now;
    this.updatedAt = now;
    later(now);
    target(vm);
  }

  /** On the VM, at its provider (a VM ordered elsewhere may have been placed again meanwhile). */
  private void target(VmTarget vm) {
    this.orderId = vm.orderId();
    this.vmName = vm.vmName();
    this.oneVmId = vm.oneVmId();
    this.providerId = vm.providerId();
    this.providerName = vm.providerName();
    this.countryCode = vm.countryCode();
  }

  /** Its VM runs: the volume ordered with it is made now, where the VM is. */
  void vmUp(VmTarget vm, Instant now) {
    if (state != VolumeState.WAITING) {
      return;
    }
    target(vm);
    moveTo(VolumeState.CREATING, now);
  }

  /** The reference its quota reservation is held under. */
  public String quotaRef() {
    return "volume-" + id;
  }

  // ------------------------------------------------------------------ a user's requests

  /**
   * To be attached to {@code vm}: it must be available, of the VM's project and at its provider.
   *
   * @throws ConflictException otherwise, with the reason
   */
  void attachTo(VmTarget vm, Instant now) {
    if (state != VolumeState.AVAILABLE) {
      throw new ConflictException("volume.error.notAvailable", name, state.name());
    }
    if (vm.providerId() != providerId) {
      throw new ConflictException("volume.error.otherProvider", name, providerName);
    }
    if (!Objects.equals(vm.projectId(), projectId)) {
      throw new ConflictException("volume.error.otherProject", name);
    }
    target(vm);
    moveTo(VolumeState.ATTACHING, now);
  }

  /** To be removed from its VM (it stays, available). */
  void detach(Instant now) {
    if (state != VolumeState.ATTACHED) {
      throw new ConflictException("volume.error.notAttached", name, state.name());
    }
    moveTo(VolumeState.DETACHING, now);
  }

  /** To be deleted with its data: only when attached to nothing. */
  void delete(Instant now) {
    if (state != VolumeState.AVAILABLE) {
      throw new ConflictException("volume.error.deleteAttached", name, state.name());
    }
    moveTo(VolumeState.DELETING, now);
  }

  // ------------------------------------------------------------------ its VM's moves

  /**
   * Its VM moved to another provider, or back (a move's cutover, or its taking back): the volume is
   * the image the move made there, that VM's disk {@code diskId}.
   */
  void moved(VolumeMove to, Instant now) {
    if (state != VolumeState.ATTACHED) {
      throw new IllegalStateException("Volume " + id + " is " + state);
    }
    this.providerId = to.providerId();
    this.providerName = to.providerName();
    this.countryCode = to.countryCode();
    this.oneDatastoreId = to.datastoreId();
    this.oneImageId = to.imageId();
    this.oneVmId = to.vmId();
    this.diskId = to.diskId();
    this.updatedAt = now;
  }

  // ------------------------------------------------------------------ the worker's steps

  void imageRequested(int datastoreId, int imageId, Instant now) {
    this.oneDatastoreId = datastoreId;
    this.oneImageId = imageId;
    this.updatedAt = now;
  }

  /** Its image is ready: attached next when it was made for a VM, else available. */
  void made(Instant now) {
    moveTo(orderId != null ? VolumeState.ATTACHING : VolumeState.AVAILABLE, now);
  }

  void sent(Instant now) {
    this.sentAt = now;
    this.updatedAt = now;
  }

  void attached(int diskId, Instant now) {
    this.diskId = diskId;
    this.reason = null;
    moveTo(VolumeState.ATTACHED, now);
  }

  /** Not attached (refused, failed, or its VM is gone): available again, with why. */
  void notAttached(Reason why, Instant now) {
    release(why, now);
  }

  /** Off its VM (detached, or the VM ended): available. */
  void detached(Instant now) {
    release(null, now);
  }

  /** The detach did not happen: still attached, with why. */
  void stillAttached(Reason why, Instant now) {
    this.reason = why == null ? null : why.encoded();
    moveTo(VolumeState.ATTACHED, now);
  }

  /** The delete did not happen (the provider refused): available again, with why. */
  void notDeleted(Reason why, Instant now) {
    this.reason = why.encoded();
    moveTo(VolumeState.AVAILABLE, now);
  }

  void deleted(Instant now) {
    this.deletedAt = now;
    this.orderId = null;
    moveTo(VolumeState.DELETED, now);
  }

  void failed(Reason why, Instant now) {
    this.reason = why.encoded();
    this.orderId = null;
    moveTo(VolumeState.FAILED, now);
  }

  /** Its VM ended: a volume on it is off it (the provider released the image), else unchanged. */
  void vmEnded(Instant now) {
    switch (state) {
      case ATTACHING, ATTACHED, DETACHING -> {
        release(null, now);
        unclaim(); // a step in flight for the VM records nothing now
      }
      case CREATING -> {
        // Made for the VM: it is kept, available, once made.
        orderId = null;
        vmName = null;
        oneVmId = null;
        updatedAt = now;
      }
      default -> {}
    }
  }

  private void release(Reason why, Instant now) {
    this.orderId = null;
    this.vmName = null;
    this.oneVmId = null;
    this.diskId = null;
    this.reason = why == null ? null : why.encoded();
    moveTo(VolumeState.AVAILABLE, now);
  }

  private void moveTo(VolumeState next, Instant now) {
    this.state = next;
    this.sentAt = null;
    later(now);
    this.updatedAt = now;
  }

  // ------------------------------------------------------------------ reading

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public Long getProjectId() {
    return projectId;
  }

  public String getName() {
    return name;
  }

  public int getSizeGib() {
    return sizeGib;
  }

  public VolumeState getState() {
    return state;
  }

  public long getProviderId() {
    return providerId;
  }

  public String getProviderName() {
    return providerName;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public Integer getOneDatastoreId() {
    return oneDatastoreId;
  }

  public Integer getOneImageId() {
    return oneImageId;
  }

  public Long getOrderId() {
    return orderId;
  }

  public String getVmName() {
    return vmName;
  }

  public Integer getOneVmId() {
    return oneVmId;
  }

  public Integer getDiskId() {
    return diskId;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public Reason getReason() {
    return Reason.decode(reason);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When it last changed (its state, or a step's call sent): how long a step has been going. */
  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
