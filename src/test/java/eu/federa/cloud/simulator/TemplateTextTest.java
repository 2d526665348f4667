package eu.federa.cloud.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator reads and merges templates as OpenNebula's own parser and Template::merge do. */
class TemplateTextTest {

  @Test
  void anExtraTemplateReplacesWhatItNamesAndKeepsTheRest() {
    TemplateText template =
        TemplateText.parse(
            "CPU = 1\nMEMORY = 1024\nCONTEXT = [ NETWORK = \"YES\", SET_HOSTNAME = \"$NAME\" ]\n"
                + "DISK = [ IMAGE_ID = 1 ]\nDISK = [ IMAGE_ID = 2 ]\n");
    TemplateText extra =
        TemplateText.parse(
            "MEMORY = 4096\nCONTEXT = [ SSH_PUBLIC_KEY = \"ssh-ed25519 AAAA a\nssh-rsa BBBB b\" ]\n");
    TemplateText merged = template.mergedWith(extra);
    assertThat(merged.get("CPU", "")).isEqualTo("1");
    assertThat(merged.get("MEMORY", "")).isEqualTo("4096");
    // The whole CONTEXT is the extra one: NETWORK and SET_HOSTNAME are gone, as in OpenNebula.
    assertThat(merged.vector("CONTEXT"))
        .containsExactly(Map.of("SSH_PUBLIC_KEY", "ssh-ed25519 AAAA a\nssh-rsa BBBB b"));
    assertThat(merged.vector("DISK")).hasSize(2);
  }

  @Test
  void anEmptyVectorIsDroppedAndASingleReplacesAVectorOfItsName() {
    TemplateText merged =
        TemplateText.parse("NIC = [ NETWORK_ID = 0 ]\nGRAPHICS = [ TYPE = VNC ]\n")
            .mergedWith(TemplateText.parse("NIC = [ ]\nGRAPHICS = \"NONE\"\n"));
    assertThat(merged.vector("NIC")).isEmpty();
    assertThat(merged.vector("GRAPHICS")).isEmpty();
    assertThat(merged.get("GRAPHICS", "")).isEqualTo("NONE");
  }

  @Test
  void aBackslashQuoteStaysInTheValueLikeOpenNebulasLexerKeepsIt() {
    assertThat(TemplateText.parse("START = \"echo \\\"hi\\\"\"\n").get("START", ""))
        .isEqualTo("echo \\\"hi\\\"");
    assertThat(TemplateText.parse("PATH = \"C:\\\\temp\"\n").get("PATH", ""))
        .isEqualTo("C:\\\\temp");
  }
}
