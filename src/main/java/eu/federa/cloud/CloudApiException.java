package eu.federa.cloud;

/**
 * The provider answered and refused: OpenNebula's failure array {@code [false, message, code,
 * resourceId, ...]}. One subclass per error code, so callers can react by type.
 */
public abstract sealed class CloudApiException extends CloudException
    permits CloudApiException.AuthenticationFailed,
        CloudApiException.NotAuthorized,
        CloudApiException.NotFound,
        CloudApiException.WrongState,
        CloudApiException.DoesNotFit,
        CloudApiException.InvalidTemplate,
        CloudApiException.AlreadyExists,
        CloudApiException.BadRequest,
        CloudApiException.ProviderInternalError,
        CloudApiException.AllocationFailed,
        CloudApiException.Locked,
        CloudApiException.ReplicationFailed,
        CloudApiException.Unclassified {

  public static final int AUTHENTICATION = 0x0100;
  public static final int AUTHORIZATION = 0x0200;
  public static final int NO_EXISTS = 0x0400;
  public static final int ACTION = 0x0800;
  public static final int RPC_API = 0x1000;
  public static final int INTERNAL = 0x2000;
  public static final int ALLOCATE = 0x4000;
  public static final int LOCKED = 0x8000;
  public static final int REPLICATION = 0x10000;

  private final int code;
  private final int resourceId;

  private CloudApiException(String method, int code, String message, int resourceId) {
    super(method, message, null);
    this.code = code;
    this.resourceId = resourceId;
  }

  /**
   * The exception for an OpenNebula error code. Where OpenNebula gives one code to several causes,
   * the message decides (as OpenNebula 7.5 words them): a name already taken and an existing ACL
   * rule are INTERNAL errors there, and so is a VM in the wrong state for a backup; a VM that does
   * not fit its host and a template that does not parse are ACTION errors.
   */
  public static CloudApiException of(String method, int code, String message, int resourceId) {
    String text = message == null ? "" : message;
    if (code == INTERNAL
        && (text.contains("is already taken by") || text.contains("already exists"))) {
      return new AlreadyExists(method, code, message, resourceId);
    }
    if (code == INTERNAL && text.contains(", wrong state ")) {
      // one.vm.backup reports a VM that is busy (its dispatch manager refused) as INTERNAL.
      return new WrongState(method, code, message, resourceId);
    }
    if (code == ACTION && text.contains("does not fit in")) {
      return new DoesNotFit(method, code, message, resourceId);
    }
    if (code == ACTION && (method.endsWith(".quota") || text.contains("syntax error"))) {
      return new InvalidTemplate(method, code, message, resourceId);
    }
    return switch (code) {
      case AUTHENTICATION -> new AuthenticationFailed(method, code, message, resourceId);
      case AUTHORIZATION -> new NotAuthorized(method, code, message, resourceId);
      case NO_EXISTS -> new NotFound(method, code, message, resourceId);
      case ACTION -> new WrongState(method, code, message, resourceId);
      case RPC_API -> new BadRequest(method, code, message, resourceId);
      case INTERNAL -> new ProviderInternalError(method, code, message, resourceId);
      case ALLOCATE -> new AllocationFailed(method, code, message, resourceId);
      case LOCKED -> new Locked(method, code, message, resourceId);
      case REPLICATION -> new ReplicationFailed(method, code, message, resourceId);
      default -> new Unclassified(method, code, message, resourceId);
    };
  }

  public int code() {
    return code;
  }

  /** The id of the object concerned, or -1. */
  public int resourceId() {
    return resourceId;
  }

  /** Bad session string (0x0100). */
  public static final class AuthenticationFailed extends CloudApiException {
    AuthenticationFailed(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** Not allowed, which includes an exceeded provider-side quota (0x0200). */
  public static final class NotAuthorized extends CloudApiException {
    NotAuthorized(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }

    /** OpenNebula reports quota refusals with this code; its message names the quota. */
    public boolean isQuotaExceeded() {
      return getMessage() != null && getMessage().toLowerCase().contains("quota");
    }
  }

  /** The object does not exist (0x0400). */
  public static final class NotFound extends CloudApiException {
    NotFound(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** Not valid in the object's current state, or does not fit (0x0800). */
  public static final class WrongState extends CloudApiException {
    WrongState(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }

    /**
     * Whether the object was only busy (OpenNebula's "..., wrong state HOTPLUG."): the same call
     * may succeed once it is at rest again, unlike a refusal of the request itself.
     */
    public boolean busy() {
      return String.valueOf(getMessage()).contains("wrong state");
    }
  }

  /** The VM does not fit the host it is sent to: not enough CPU, memory or devices (0x0800). */
  public static final class DoesNotFit extends CloudApiException {
    DoesNotFit(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** A template (a quota, a VM's attributes) that OpenNebula cannot parse or refuses (0x0800). */
  public static final class InvalidTemplate extends CloudApiException {
    InvalidTemplate(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /**
   * The name (a user's, a group's) is taken, or the ACL rule exists already: another attempt got
   * there first, and what it created can be adopted (OpenNebula answers 0x2000 here).
   */
  public static final class AlreadyExists extends CloudApiException {
    AlreadyExists(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** Wrong parameters (0x1000). */
  public static final class BadRequest extends CloudApiException {
    BadRequest(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** The provider failed internally (0x2000). */
  public static final class ProviderInternalError extends CloudApiException {
    ProviderInternalError(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** Could not allocate (0x4000). */
  public static final class AllocationFailed extends CloudApiException {
    AllocationFailed(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** The object is locked (0x8000). */
  public static final class Locked extends CloudApiException {
    Locked(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** Federation replication failed (0x10000). */
  public static final class ReplicationFailed extends CloudApiException {
    ReplicationFailed(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }

  /** A code this client does not know. */
  public static final class Unclassified extends CloudApiException {
    Unclassified(String m, int c, String msg, int id) {
      super(m, c, msg, id);
    }
  }
}
