package eu.federa.cloud.registry;

import eu.federa.cloud.PciDevice;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A GPU of a host as last synchronised; {@code vmId} is -1 while free. */
@Entity
@Table(name = "provider_host_gpu")
public class ProviderHostGpu {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "short_address", nullable = false, length = 20)
  private String shortAddress;

  @Column(nullable = false, length = 8)
  private String vendor;

  @Column(nullable = false, length = 8)
  private String device;

  @Column(name = "device_class", nullable = false, length = 8)
  private String deviceClass;

  @Column(name = "device_name", nullable = false)
  private String deviceName;

  @Column(name = "vm_id", nullable = false)
  private int vmId;

  protected ProviderHostGpu() {}

  ProviderHostGpu(PciDevice device) {
    this.shortAddress = device.shortAddress();
    this.vendor = device.vendor();
    this.device = device.device();
    this.deviceClass = device.deviceClass();
    this.deviceName = device.deviceName() == null ? "" : device.deviceName();
    this.vmId = device.vmId();
  }

  public String getShortAddress() {
    return shortAddress;
  }

  public String getVendor() {
    return vendor;
  }

  public String getDeviceClass() {
    return deviceClass;
  }

  public String getDeviceName() {
    return deviceName;
  }

  public boolean isFree() {
    return vmId < 0;
  }
}
