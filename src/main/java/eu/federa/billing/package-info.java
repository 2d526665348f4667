/**
 * Billing: price lists per provider (effective-dated) and the estimates orders show. Depends on the
 * platform, the provider registry's tables and placement (it supplies placement's prices).
 */
@Capability(
    uses = {
      "audit",
      "catalog",
      "cloud",
      "energy",
      "mail",
      "placement",
      "platform",
      "quota",
      "tenancy"
    },
    tables = {
      "billing_run",
      "budget_alert",
      "invoice",
      "invoice_line",
      "invoice_number",
      "price_list",
      "price_list_model",
      "price_list_gpu",
      "token_usage",
      "usage_interval",
      "usage_settled_revision"
    })
package eu.federa.billing;

import eu.federa.platform.Capability;
