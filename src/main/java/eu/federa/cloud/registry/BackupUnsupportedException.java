package eu.federa.cloud.registry;

/** A backup was asked of a provider that has no backup datastore: it keeps no backups. */
public class BackupUnsupportedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BackupUnsupportedException(String what) {
    super("The provider has no " + what);
  }
}
