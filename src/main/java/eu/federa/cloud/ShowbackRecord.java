package eu.federa.cloud;

import java.math.BigDecimal;

/** OpenNebula's showback of one VM for one month (costs from the template's prices). */
public record ShowbackRecord(
    int vmId,
    String vmName,
    int userId,
    int groupId,
    String userName,
    String groupName,
    int year,
    int month,
    BigDecimal cpuCost,
    BigDecimal memoryCost,
    BigDecimal diskCost,
    BigDecimal totalCost,
    BigDecimal hours,
    BigDecimal runningHours) {}
