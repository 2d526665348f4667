/**
 * A faithful stand-in for an OpenNebula front-end: a real HTTP server speaking OpenNebula's XML-RPC
 * at {@code /RPC2}, with hosts, VMs and their life cycle, quotas, accounting and fault injection.
 * Used in-process by tests and started by the demo for several providers at once.
 */
package eu.federa.cloud.simulator;
