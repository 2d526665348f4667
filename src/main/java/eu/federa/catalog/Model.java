package eu.federa.catalog;

import eu.federa.platform.validation.Text;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An open-weight model of the AI catalog.
 *
 * @param minGpuMemoryGib GPU memory needed to serve it (all GPUs of one VM together)
 * @param contextLength in tokens
 */
public record Model(
    @CatalogCode String code,
    @Text(max = 120) String name,
    BigDecimal parametersBillion,
    @Text(max = 100) String licence,
    int minGpuMemoryGib,
    int contextLength)
    implements Serializable {}
