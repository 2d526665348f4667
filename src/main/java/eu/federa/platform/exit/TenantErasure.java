package eu.federa.platform.exit;

import java.util.List;

/**
 * What one capability holds of a tenant, erased when the tenant's exit ends (Data Act Art.
 * 25(2)(h)): deleted, or pseudonymised where the law makes Federa keep it (invoices). Offered as a
 * CDI bean by each capability with tenant data; the exit runs them in the order of {@link #order},
 * each in its own transaction, and writes what they answer into the erasure record.
 */
public interface TenantErasure {

  /** When it runs among the others: lower first (a table others refer to goes last). */
  int order();

  /** Erases the tenant's data it holds; what it did, one line per kind of data. */
  List<Erased> erase(ErasureContext context);
}
