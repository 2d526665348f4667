package eu.federa.billing;

import eu.federa.platform.i18n.Money;
import eu.federa.platform.validation.ConflictException;
import java.math.BigDecimal;

/** The tenant has spent its monthly budget and chose to block new orders then (409). */
public class BudgetExhaustedException extends ConflictException {

  public BudgetExhaustedException(BigDecimal spentEur, BigDecimal budgetEur) {
    super("budget.error.blocked", new Money(spentEur), new Money(budgetEur));
  }
}
