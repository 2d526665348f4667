/**
 * Networking of a tenant's VMs: the tenant's firewall (one security group of inbound rules, kept
 * identical at every provider the tenant uses) and the tenant's own network at each provider, on
 * which its VMs are placed. The provider side (reservations, security groups at OpenNebula) is
 * {@code cloud}'s; this package holds the rules, who may change them, and keeps the providers'
 * copies current.
 */
@Capability(
    uses = {"audit", "cloud", "platform", "tenancy"},
    tables = {"security_group", "security_rule"})
package eu.federa.network;

import eu.federa.platform.Capability;
