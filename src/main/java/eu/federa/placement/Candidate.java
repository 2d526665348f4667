package eu.federa.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A host of the federation as placement sees it: its provider's facts and the free capacity left
 * after Federa's own in-flight claims.
 *
 * @param hostId the registry's id of the host
 * @param generation the host's claim generation when read (claims check it has not moved)
 * @param providerUsable enabled and answering
 * @param monitored the host is in OpenNebula's MONITORED state
 * @param freeGpus the GPUs not attached to a VM
 * @param priceEurPerHour the provider's price of one instance of the request per hour, or {@code
 *     null} when no price list is known
 * @param gramsCo2ePerItKwh what one kWh drawn by IT equipment there emits: the grid's intensity in
 *     its country times its provider's PUE (0 when not known)
 * @param forecastPeakCpuPercent the highest CPU use its forecast does not rule out over the next 24
 *     hours (upper bound of the 95 % interval), or {@code null} without a forecast
 */
public record Candidate(
    long hostId,
    long generation,
    String hostName,
    int clusterId,
    String clusterName,
    long providerId,
    String providerName,
    String countryCode,
    Set<String> certifications,
    boolean edgeSite,
    GeoPoint location,
    boolean providerUsable,
    boolean monitored,
    double freeCores,
    long freeMemoryMib,
    long freeDiskMib,
    double totalCores,
    List<Gpu> freeGpus,
    BigDecimal priceEurPerHour,
    boolean publicAddresses,
    double gramsCo2ePerItKwh,
    Double forecastPeakCpuPercent) {

  public Candidate {
    certifications = Set.copyOf(certifications);
    freeGpus = List.copyOf(freeGpus);
  }

  /** A free GPU: its PCI address on the host, class (e.g. {@code 0302}) and device name. */
  public record Gpu(String shortAddress, String pciClass, String deviceName) {

    /** Of the class and model the request asks for (either may be left open). */
    boolean matches(PlacementRequest request) {
      return (request.gpuClass() == null || request.gpuClass().equalsIgnoreCase(pciClass))
          && (request.gpuModel() == null || containsIgnoringCase(deviceName, request.gpuModel()));
    }

    /** Without allocating: placement checks this for every GPU of every host. */
    private static boolean containsIgnoringCase(String text, String part) {
      if (text == null) {
        return false;
      }
      for (int i = 0; i + part.length() <= text.length(); i++) {
        if (text.regionMatches(true, i, part, 0, part.length())) {
          return true;
        }
      }
      return false;
    }
  }

  /** How many free GPUs match the request's class and model. */
  int matchingGpus(PlacementRequest request) {
    int count = 0;
    for (Gpu gpu : freeGpus) {
      if (gpu.matches(request)) {
        count++;
      }
    }
    return count;
  }

  /** The GPUs one instance of the request would take here: the first that match. */
  List<String> gpusFor(PlacementRequest request) {
    List<String> taken = new ArrayList<>();
    for (Gpu gpu : freeGpus) {
      if (taken.size() < request.gpus() && gpu.matches(request)) {
        taken.add(gpu.shortAddress());
      }
    }
    return taken;
  }

  /** This host after one more instance of the request (capacity and matching GPUs taken). */
  Candidate minus(PlacementRequest request) {
    List<Gpu> left = new ArrayList<>(freeGpus);
    int toTake = request.gpus();
    for (Iterator<Gpu> it = left.iterator(); it.hasNext() && toTake > 0; ) {
      if (it.next().matches(request)) {
        it.remove();
        toTake--;
      }
    }
    return new Candidate(
        hostId,
        generation,
        hostName,
        clusterId,
        clusterName,
        providerId,
        providerName,
        countryCode,
        certifications,
        edgeSite,
        location,
        providerUsable,
        monitored,
        freeCores - request.vcpu(),
        freeMemoryMib - request.memoryMib(),
        freeDiskMib - request.diskGib() * 1024,
        totalCores,
        left,
        priceEurPerHour,
        publicAddresses,
        gramsCo2ePerItKwh,
        forecastPeakCpuPercent);
  }

  /** This host at another price per hour (the price depends on the request's size). */
  Candidate pricedAt(BigDecimal price) {
    if (java.util.Objects.equals(price, priceEurPerHour)) {
      return this;
    }
    return new Candidate(
        hostId,
        generation,
        hostName,
        clusterId,
        clusterName,
        providerId,
        providerName,
        countryCode,
        certifications,
        edgeSite,
        location,
        providerUsable,
        monitored,
        freeCores,
        freeMemoryMib,
        freeDiskMib,
        totalCores,
        freeGpus,
        price,
        publicAddresses,
        gramsCo2ePerItKwh,
        forecastPeakCpuPercent);
  }
}
