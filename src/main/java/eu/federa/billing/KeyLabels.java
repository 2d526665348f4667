package eu.federa.billing;

import java.util.Map;

/**
 * What an API key is called where costs are shown by key: provided by the capability that owns the
 * keys (the AI gateway), so that billing names them without reading their table.
 */
public interface KeyLabels {

  /** Each key of the tenant by id: its name and prefix, e.g. {@code ci (fed-AbC12…)}. */
  Map<Long, String> labels(long tenantId);
}
