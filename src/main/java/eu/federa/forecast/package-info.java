/**
 * Forecasts of a host's or provider's utilisation: an additive Holt-Winters model with one or more
 * seasons (for hourly load, a day and a week), updated one observation at a time so that a refresh
 * costs one step per new point, fitted by a search over its smoothing parameters, with prediction
 * intervals, and its accuracy as MASE against the seasonal-naive forecast. Plain Java without a
 * container (issue #20).
 */
@Capability(
    uses = {"platform"},
    tables = {})
package eu.federa.forecast;

import eu.federa.platform.Capability;
