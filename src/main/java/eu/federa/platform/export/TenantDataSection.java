package eu.federa.platform.export;

import java.io.IOException;

/**
 * What one capability holds of a tenant, for the tenant's export bundle (the Data Act's exhaustive
 * export, Art. 25(2)(e)). Each capability that keeps a tenant's data offers one as a CDI bean; the
 * bundle's writer (portability) finds them all, so a capability adds its data by adding a section,
 * and portability depends on none of them. A section reads in the caller's transaction, streams
 * what it reads, and writes no secret (no token, password or key material).
 */
public interface TenantDataSection {

  /** Its name: sections are written in the order of their names. */
  String name();

  /**
   * Writes the tenant's data into the bundle's files: all of it, or what belongs to the scope's
   * project (see {@link ExportScope}).
   */
  void write(ExportScope scope, BundleWriter bundle) throws IOException;
}
