package eu.federa.cloud.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Fault injection of one simulator instance; controllable from tests and the demo. */
public final class Faults {

  /** An error answer to give instead of running a method. */
  record InjectedError(int code, String message, boolean once) {}

  private volatile Duration latency = Duration.ZERO;
  private volatile boolean rejectAuthentication;
  private volatile int httpStatus;
  private volatile boolean garbage;
  private final Map<String, InjectedError> errors = new ConcurrentHashMap<>();

  /** Every answer takes this much longer. */
  public Faults slow(Duration added) {
    this.latency = added;
    return this;
  }

  /** Every session string is refused with AUTHENTICATION. */
  public Faults rejectAuthentication(boolean reject) {
    this.rejectAuthentication = reject;
    return this;
  }

  /** Every call answers this HTTP status (0 = normal). */
  public Faults httpStatus(int status) {
    this.httpStatus = status;
    return this;
  }

  /** Every call answers a body that is not XML-RPC. */
  public Faults garbage(boolean on) {
    this.garbage = on;
    return this;
  }

  /** The method answers with this OpenNebula error code, every time until cleared. */
  public Faults failMethod(String method, int code, String message) {
    errors.put(method, new InjectedError(code, message, false));
    return this;
  }

  /** The method answers with this error once, then works again. */
  public Faults failMethodOnce(String method, int code, String message) {
    errors.put(method, new InjectedError(code, message, true));
    return this;
  }

  private final Set<Integer> hiddenVms = ConcurrentHashMap.newKeySet();

  /**
   * The VM pools leave this VM out while it still exists (one.vm.info still answers it): a partial
   * listing, as a real front-end under load or mid-restart can give.
   */
  public Faults hideVmFromPools(int vmId) {
    hiddenVms.add(vmId);
    return this;
  }

  boolean hidesVm(int vmId) {
    return hiddenVms.contains(vmId);
  }

  private final java.util.concurrent.atomic.AtomicLong transferBreak =
      new java.util.concurrent.atomic.AtomicLong(-1);

  /** The next download of a marketplace app's bytes breaks after this many bytes (once). */
  public Faults breakNextTransferAfter(long bytes) {
    transferBreak.set(bytes);
    return this;
  }

  /** The break for this transfer, taken (-1: none). */
  long takeTransferBreak() {
    return transferBreak.getAndSet(-1);
  }

  private volatile boolean corruptTransfers;
  private volatile boolean downAtBreak;

  /** Every download of an app's bytes has one byte wrong (its MD5 never matches), until cleared. */
  public Faults corruptTransfers(boolean on) {
    this.corruptTransfers = on;
    return this;
  }

  boolean corruptsTransfers() {
    return corruptTransfers;
  }

  /**
   * At the break set by {@link #breakNextTransferAfter}, the whole front-end goes down (connections
   * refused until {@code up()}): a provider that fails in the middle of a copy.
   */
  public Faults downAtTransferBreak(boolean on) {
    this.downAtBreak = on;
    return this;
  }

  boolean downAtBreak() {
    return downAtBreak;
  }

  public Faults clear() {
    corruptTransfers = false;
    downAtBreak = false;
    transferBreak.set(-1);
    hiddenVms.clear();
    latency = Duration.ZERO;
    rejectAuthentication = false;
    httpStatus = 0;
    garbage = false;
    errors.clear();
    return this;
  }

  Duration latency() {
    return latency;
  }

  boolean rejectsAuthentication() {
    return rejectAuthentication;
  }

  int httpStatus() {
    return httpStatus;
  }

  boolean garbage() {
    return garbage;
  }

  InjectedError errorFor(String method) {
    InjectedError error = errors.get(method);
    if (error != null && error.once()) {
      errors.remove(method, error);
    }
    return error;
  }
}
