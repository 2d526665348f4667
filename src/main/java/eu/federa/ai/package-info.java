/**
 * AI as a service for callers with API keys: the organisation's keys (created, scoped, revoked),
 * and the OpenAI-compatible gateway that routes each call to a ready replica of an inference
 * endpoint, passes streams through, enforces the keys' limits and the budget, and meters every
 * answered call's tokens into billing. Depends on provisioning (the endpoints and their replicas),
 * billing (token records, budgets), tenancy (who may hold keys), cloud (where a provider's
 * appliances are reached), audit and platform.
 */
@Capability(
    uses = {"audit", "billing", "cloud", "platform", "provisioning", "tenancy"},
    tables = {
      "ai_key",
      "ai_key_endpoint",
      "ai_project_limit",
      "ai_project_window",
      "ai_rate_window"
    })
package eu.federa.ai;

import eu.federa.platform.Capability;
