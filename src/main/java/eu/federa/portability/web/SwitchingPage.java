package eu.federa.portability.web;

import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.registry.SovereigntyRegister;
import eu.federa.portability.Exits;
import eu.federa.portability.ExportCatalogue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Backs {@code switching.xhtml}, readable without signing in (Data Act Art. 26 and 28): how to
 * switch or leave, what an export holds and its schemas, and each provider's register.
 */
@Named
@RequestScoped
public class SwitchingPage {

  @Inject ProviderRegistry registry;
  @Inject Exits exits;

  private List<SovereigntyRegister> providers;

  public List<SovereigntyRegister> getProviders() {
    if (providers == null) {
      providers = registry.publicRegister();
    }
    return providers;
  }

  /** The public key that checks erasure records, and its id; both empty when none is set. */
  public String[] getRecordKey() {
    return exits.recordKey();
  }

  public List<ExportCatalogue.Entry> getFiles() {
    return ExportCatalogue.FILES;
  }
}
