package eu.federa.energy;

import java.util.Locale;

/**
 * The power models used where a provider has not given its own: by hardware class for hosts, by
 * model for GPUs (full power is the data sheet's board power; idle is taken as a tenth of it), and
 * the PUE of an average data centre. Federa's assumptions, documented in docs/energy.md.
 */
public final class PowerDefaults {

  private PowerDefaults() {}

  /** A two-socket general-purpose server of a core site. */
  public static final PowerModel CORE_HOST = new PowerModel(150, 500);

  /** A compact single-socket server of an edge site. */
  public static final PowerModel EDGE_HOST = new PowerModel(60, 200);

  /**
   * The average annual PUE reported by the Uptime Institute's Global Data Center Survey 2023
   * (1.58).
   */
  public static final double PUE = 1.58;

  /** A host's CPU utilisation assumed when none has been measured yet. */
  public static final double HOST_CPU_USE = 0.5;

  /** GPUs are not monitored by OpenNebula: a held GPU is assumed this busy. */
  public static final double GPU_USE = 0.6;

  /** The host class's model. */
  public static PowerModel host(boolean edgeSite) {
    return edgeSite ? EDGE_HOST : CORE_HOST;
  }

  /** A GPU's model from its device name (e.g. {@code H100 SXM5 80GB}); 300 W when unknown. */
  public static PowerModel gpu(String deviceName) {
    String name = deviceName == null ? "" : deviceName.toUpperCase(Locale.ROOT);
    double board;
    if (name.contains("H100") && name.contains("PCIE")) {
      board = 350;
    } else if (name.contains("H100") || name.contains("H200")) {
      board = 700;
    } else if (name.contains("A100") && name.contains("PCIE")) {
      board = 300;
    } else if (name.contains("A100")) {
      board = 400;
    } else if (name.contains("L40")) {
      board = 350;
    } else if (name.contains("L4")) {
      board = 72;
    } else {
      board = 300;
    }
    return new PowerModel(board / 10, board);
  }
}
