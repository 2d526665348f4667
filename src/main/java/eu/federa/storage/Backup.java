package eu.federa.storage;

import eu.federa.platform.i18n.Term;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A backup of a VM: made at the provider's backup datastore while the VM runs or is stopped, on
 * demand or by its daily schedule; kept after the VM ends (that is what backups are for) until
 * deleted, and restorable into a new VM at the same provider. OpenNebula names a backup image
 * itself, so the worker tells this backup's image by the VM's backup images before it was sent
 * ({@link #earlierImageIds()}).
 */
@Entity
@Table(name = "vm_backup")
public class Backup extends VmCopy {

  @Column(nullable = false, updatable = false)
  private boolean scheduled;

  @Column(name = "one_datastore_id")
  private Integer datastoreId;

  @Column(name = "earlier_image_ids", length = 1000)
  private String earlierImageIds;

  @Column(name = "one_image_id")
  private Integer oneImageId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private BackupState state;

  protected Backup() {}

  /** A backup to make of the VM, whose disks hold {@code quotaGib} (reserved in the disk quota). */
  Backup(VmTarget vm, String name, boolean scheduled, int quotaGib, Instant now) {
    super(vm, name, quotaGib, now);
    this.scheduled = scheduled;
    this.state = BackupState.CREATING;
  }

  /** Its reservation in the disk quota. */
  public String quotaRef() {
    return "backup-" + getId();
  }

  // ------------------------------------------------------------------ a user's requests

  void delete(Instant now) {
    if (state != BackupState.READY) {
      throw new ConflictException(
          "backup.error.notReady", getName(), Term.of("backup.state.", state));
    }
    moveTo(BackupState.DELETING, now);
  }

  /** Ready to be restored; else the reason why not. */
  void requireReady() {
    if (state != BackupState.READY || oneImageId == null) {
      throw new ConflictException(
          "backup.error.notReady", getName(), Term.of("backup.state.", state));
    }
  }

  // ------------------------------------------------------------------ the worker's steps

  /** The datastore chosen and the VM's backup images noted: the backup can be sent. */
  void prepared(int datastoreId, List<Integer> earlierImages, Instant now) {
    this.datastoreId = datastoreId;
    this.earlierImageIds =
        earlierImages.stream().map(String::valueOf).collect(Collectors.joining(","));
    touched(now);
  }

  void made(int imageId, long sizeMib, Instant now) {
    this.oneImageId = imageId;
    sized(sizeMib);
    because(null);
    moveTo(BackupState.READY, now);
  }

  /** A delete did not happen: still ready, with why. */
  void unchanged(Reason why, Instant now) {
    because(why);
    moveTo(BackupState.READY, now);
  }

  void failed(Reason why, Instant now) {
    because(why);
    moveTo(BackupState.FAILED, now);
  }

  void deleted(Instant now) {
    moveTo(BackupState.DELETED, now);
  }

  /** The schedule keeps fewer: this one goes (a scheduled backup that is ready only). */
  void rotatedOut(Instant now) {
    moveTo(BackupState.DELETING, now);
  }

  private void moveTo(BackupState next, Instant now) {
    this.state = next;
    stepChanged(now);
  }

  /** The VM's backup images before this one was sent: the one it makes is not among them. */
  List<Integer> earlierImageIds() {
    if (earlierImageIds == null || earlierImageIds.isBlank()) {
      return List.of();
    }
    return Arrays.stream(earlierImageIds.split(",")).map(Integer::valueOf).toList();
  }

  // ------------------------------------------------------------------ reading

  public boolean isScheduled() {
    return scheduled;
  }

  public Integer getDatastoreId() {
    return datastoreId;
  }

  public Integer getOneImageId() {
    return oneImageId;
  }

  public BackupState getState() {
    return state;
  }
}
