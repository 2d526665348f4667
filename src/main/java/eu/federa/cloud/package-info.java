/**
 * The clouds of the federation: each provider's OpenNebula front-end reached over its XML-RPC API,
 * the registry of providers, and their inventory. The rest of Federa sees only this package's
 * records ({@code Host}, {@code VirtualMachine}, ...) and exceptions; no XML-RPC type leaks out.
 * Depends on {@code platform}, and on {@code audit} for what platform admins change in it.
 */
@Capability(
    uses = {"audit", "forecast", "platform"},
    tables = {
      "host_forecast",
      "host_forecast_model",
      "host_power",
      "host_utilisation",
      "host_utilisation_hourly",
      "provider",
      "provider_cluster",
      "provider_host",
      "provider_host_gpu",
      "provider_status",
      "provider_tenant_account",
      "provider_tenant_grant",
      "provider_tenant_network",
      "provider_tenant_secgroup"
    })
package eu.federa.cloud;

import eu.federa.platform.Capability;
