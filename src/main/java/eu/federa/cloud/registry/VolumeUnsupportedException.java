package eu.federa.cloud.registry;

/**
 * A volume was to be made for a VM whose disks come from no image datastore (only volatile disks):
 * the provider offers nowhere to keep it beside the VM.
 */
public class VolumeUnsupportedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public VolumeUnsupportedException() {
    super("The VM has no disk from an image datastore to put a volume beside");
  }
}
