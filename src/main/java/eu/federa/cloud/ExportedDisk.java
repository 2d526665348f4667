package eu.federa.cloud;

/**
 * A disk published to a provider's marketplace for download (a marketplace app made from an image):
 * where its bytes are, their MD5 and size, once it is ready.
 *
 * @param state OpenNebula's app state: 0 INIT, 1 READY, 2 LOCKED, 3 ERROR, 4 DISABLED
 * @param source the URL of its bytes (empty until ready)
 */
public record ExportedDisk(
    int appId, int state, String source, String md5, long sizeMib, String format) {

  public boolean ready() {
    return state == 1;
  }

  public boolean failed() {
    return state == 3 || state == 4;
  }
}
