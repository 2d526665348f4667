package eu.federa.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * OpenNebula gives one code to several causes; these are its answers, word for word, as a 7.5.80
 * front-end gave them (see docs/opennebula-conformance.md).
 */
class CloudApiExceptionTest {

  private static CloudApiException answer(String method, int code, String message) {
    return CloudApiException.of(method, code, "[" + method + "] " + message, -1);
  }

  @Test
  void aNameAlreadyTakenIsAConflictToAdoptNotAnInternalError() {
    assertThat(
            answer(
                "one.group.allocate",
                CloudApiException.INTERNAL,
                "NAME is already taken by GROUP 100."))
        .isInstanceOf(CloudApiException.AlreadyExists.class);
    assertThat(
            answer(
                "one.user.allocate",
                CloudApiException.INTERNAL,
                "NAME is already taken by USER 2."))
        .isInstanceOf(CloudApiException.AlreadyExists.class);
    assertThat(
            answer(
                "one.acl.addrule",
                CloudApiException.INTERNAL,
                "Rule @100 VM+TEMPLATE/* CREATE #0 already exists"))
        .isInstanceOf(CloudApiException.AlreadyExists.class);
    assertThat(answer("one.vm.allocate", CloudApiException.INTERNAL, "Error inserting in DB"))
        .isInstanceOf(CloudApiException.ProviderInternalError.class);
  }

  @Test
  void aVmThatDoesNotFitIsToldApartFromAnActionInTheWrongState() {
    assertThat(
            answer(
                "one.vm.deploy",
                CloudApiException.ACTION,
                "virtual machine [1] does not fit in host [0]. Not enough CPU: 6400/800"))
        .isInstanceOf(CloudApiException.DoesNotFit.class);
    assertThat(
            answer(
                "one.vm.resize",
                CloudApiException.ACTION,
                "Cannot resize a VM in state PROLOG_MIGRATE_POWEROFF"))
        .isInstanceOf(CloudApiException.WrongState.class);
    assertThat(
            answer(
                "one.vm.action",
                CloudApiException.ACTION,
                "Error performing action \"resume\": This action is not available for state"
                    + " PROLOG_MIGRATE_POWEROFF"))
        .isInstanceOf(CloudApiException.WrongState.class);
    assertThat(
            answer(
                "one.vm.recover",
                CloudApiException.ACTION,
                "Could not perform a recover operation on VM 1, wrong state DONE."))
        .isInstanceOf(CloudApiException.WrongState.class);
  }

  @Test
  void aQuotaTemplateThatDoesNotParseIsAnInvalidTemplate() {
    assertThat(
            answer(
                "one.group.quota",
                CloudApiException.ACTION,
                "Parse error: syntax error, unexpected $end, expecting STRING at line 0, columns"
                    + " 11:14"))
        .isInstanceOf(CloudApiException.InvalidTemplate.class);
  }

  @Test
  void missingRightsAreNotAuthorizedAndNotAQuota() {
    CloudApiException refused =
        answer(
            "one.template.instantiate",
            CloudApiException.AUTHORIZATION,
            "User [2] : Not authorized to perform USE TEMPLATE [0]; Not authorized to perform"
                + " CREATE TEMPLATE; Not authorized to perform USE IMAGE [0].");
    assertThat(refused).isInstanceOf(CloudApiException.NotAuthorized.class);
    assertThat(((CloudApiException.NotAuthorized) refused).isQuotaExceeded()).isFalse();
  }
}
