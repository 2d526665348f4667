package eu.federa.cloud.simulator;

/** An OpenNebula failure answer: [false, "[method] message", code, resourceId, -1]. */
final class SimError extends RuntimeException {

  static final int AUTHENTICATION = 0x0100;
  static final int AUTHORIZATION = 0x0200;
  static final int NO_EXISTS = 0x0400;
  static final int ACTION = 0x0800;
  static final int RPC_API = 0x1000;
  static final int INTERNAL = 0x2000;
  static final int ALLOCATE = 0x4000;

  final int code;
  final int resourceId;

  SimError(int code, String message, int resourceId) {
    super(message);
    this.code = code;
    this.resourceId = resourceId;
  }

  SimError(int code, String message) {
    this(code, message, -1);
  }
}
