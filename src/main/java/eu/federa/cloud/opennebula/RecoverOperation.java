package eu.federa.cloud.opennebula;

/** The operations of {@code one.vm.recover}, numbered as on the wire. */
public enum RecoverOperation {
  FAILURE,
  SUCCESS,
  RETRY,
  DELETE,
  DELETE_RECREATE,
  DELETE_DB;

  public int code() {
    return ordinal();
  }
}
