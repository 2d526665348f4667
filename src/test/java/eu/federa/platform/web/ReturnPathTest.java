package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPathTest {

  @Test
  void aPageOfThePortalWithItsQueryIsKept() {
    assertThat(ReturnPath.checked("/catalog.xhtml")).isEqualTo("/catalog.xhtml");
    assertThat(ReturnPath.checked("/resource.xhtml?id=42")).isEqualTo("/resource.xhtml?id=42");
    assertThat(ReturnPath.checked("/admin/provider.xhtml?id=3&tab=hosts"))
        .isEqualTo("/admin/provider.xhtml?id=3&tab=hosts");
    assertThat(ReturnPath.checked("/order.xhtml?image=ubuntu-24.04"))
        .isEqualTo("/order.xhtml?image=ubuntu-24.04");
  }

  @Test
  void anythingThatCouldLeaveThePortalLeadsToTheDashboard() {
    assertThat(ReturnPath.checked(null)).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("https://evil.example/x.xhtml")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("//evil.example/x.xhtml")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("/\\evil.example/x.xhtml")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("/../x.xhtml")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("/logout")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("/dashboard.xhtml?x=<script>")).isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("/dashboard.xhtml\r\nSet-Cookie: a=b"))
        .isEqualTo(ReturnPath.HOME);
    assertThat(ReturnPath.checked("/" + "a".repeat(600) + ".xhtml")).isEqualTo(ReturnPath.HOME);
  }
}
