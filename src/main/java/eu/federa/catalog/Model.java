package eu.federa.catalog;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An open-weight model of the AI catalog.
 *
 * @param minGpuMemoryGib GPU memory needed to serve it (all GPUs of one VM together)
 * @param contextLength in tokens
 */
public record Model(
    String code,
    String name,
    BigDecimal parametersBillion,
    String licence,
    int minGpuMemoryGib,
    int contextLength)
    implements Serializable {}
