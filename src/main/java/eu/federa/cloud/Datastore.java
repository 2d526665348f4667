package eu.federa.cloud;

/**
 * A datastore of a provider: OpenNebula's type says what it holds (see the constants).
 *
 * @param freeMib its free space, as the provider last measured it
 */
public record Datastore(int id, String name, int type, long freeMib) {

  public static final int IMAGE = 0;
  public static final int SYSTEM = 1;
  public static final int FILE = 2;
  public static final int BACKUP = 3;
}
