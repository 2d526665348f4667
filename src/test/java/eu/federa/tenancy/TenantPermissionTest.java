package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a suspended organisation may still do: everything that reads. */
class TenantPermissionTest {

  @Test
  void onlyOrderingManagingAndApprovingAct() {
    assertThat(Arrays.stream(TenantPermission.values()).filter(TenantPermission::acts))
        .containsExactlyInAnyOrder(
            TenantPermission.ORDER, TenantPermission.MANAGE_TEAM, TenantPermission.APPROVE_ORDERS);
  }
}
