package eu.federa.tenancy;

import java.util.Collection;
import java.util.Map;

/**
 * What another capability knows of organisations, for the platform admins' directory: their plan
 * (quota), the providers and VMs they use (provisioning), this month's spend and their invoices
 * (billing). Looked up a page of organisations at a time; tenancy depends on none of them.
 */
public interface TenantFacts {

  /** Which fact an implementation gives, and its type. */
  enum Fact {
    /** The quota plan's name (String). */
    PLAN,
    /** The providers the organisation's resources run at, by name (List of String). */
    PROVIDERS,
    /** How many VMs it has in each state that holds something (Map of state name to Long). */
    RESOURCES,
    /** What it spent this month so far, EUR (BigDecimal). */
    SPEND_THIS_MONTH_EUR,
    /** Its issued invoices ({@link Invoices}). */
    INVOICES
  }

  /** How many invoices were issued, and the month of the last. */
  record Invoices(long issued, java.time.YearMonth last) implements java.io.Serializable {}

  Fact fact();

  /** The fact for each of these organisations that has one. */
  Map<Long, Object> of(Collection<Long> tenantIds);
}
