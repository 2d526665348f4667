/**
 * How capabilities take part in a tenant's exit (Data Act Art. 25) without depending on the
 * capability that runs it: each ends what the tenant runs with it ({@link
 * eu.federa.platform.exit.TenantWorkloads}) and erases what it holds of the tenant ({@link
 * eu.federa.platform.exit.TenantErasure}), saying for each kind of data what it did.
 */
package eu.federa.platform.exit;
