package eu.federa.cloud;

/**
 * A passthrough device of a host (GPUs among them).
 *
 * @param vendor vendor id in hex, e.g. {@code 10de} for NVIDIA
 * @param deviceClass class in hex, e.g. {@code 0302} (3D controller: a data-centre GPU)
 * @param vmId the VM holding the device, or -1 while it is free
 */
public record PciDevice(
    String address,
    String shortAddress,
    String vendor,
    String vendorName,
    String device,
    String deviceName,
    String deviceClass,
    String className,
    int vmId) {

  public static final String NVIDIA = "10de";
  public static final String CLASS_3D_CONTROLLER = "0302";
  public static final String CLASS_VGA = "0300";

  public boolean isFree() {
    return vmId < 0;
  }

  public boolean isGpu() {
    return CLASS_3D_CONTROLLER.equals(deviceClass) || CLASS_VGA.equals(deviceClass);
  }
}
