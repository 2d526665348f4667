/**
 * Moves between providers (issue #16): a tenant's VM moves to another provider of the federation
 * under the tenant's rules, without losing a byte. A move is a saga of its own ({@code vm_move}),
 * carried by a worker on any node and resumable after a restart: the source is stopped, its disk
 * and its volumes' ({@code vm_move_volume}) brought into Federa through cloud's shared {@link
 * eu.federa.cloud.registry.DiskTransfer} (the same path as the Data Act export), downloaded by the
 * target, the VM created there from the order and checked, and the order cut over to it at one
 * second, where its billing switches provider. The source is kept stopped until the user confirms,
 * so a failed or regretted move goes back to it. The order's side (what may move where, quota and
 * capacity, the cutover) is provisioning's {@link eu.federa.provisioning.OrderMoves}.
 */
@Capability(
    uses = {"audit", "cloud", "identity", "mail", "platform", "provisioning", "storage", "tenancy"},
    tables = {"vm_move", "vm_move_volume"})
package eu.federa.moves;

import eu.federa.platform.Capability;
