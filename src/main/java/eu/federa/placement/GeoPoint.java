package eu.federa.placement;

/** A place on Earth, in decimal degrees. */
public record GeoPoint(double latitudeDeg, double longitudeDeg) implements java.io.Serializable {

  private static final double EARTH_RADIUS_KM = 6371.0088;

  public GeoPoint {
    if (latitudeDeg < -90 || latitudeDeg > 90 || longitudeDeg < -180 || longitudeDeg > 180) {
      throw new IllegalArgumentException("Not a coordinate: " + latitudeDeg + ", " + longitudeDeg);
    }
  }

  /** Great-circle distance (haversine formula on a spherical Earth of mean radius). */
  public double distanceKm(GeoPoint other) {
    double lat1 = Math.toRadians(latitudeDeg);
    double lat2 = Math.toRadians(other.latitudeDeg);
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(other.longitudeDeg - longitudeDeg);
    double h =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
