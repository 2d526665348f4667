package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {

  private static final String ATTACK = "</script><script>alert(1)</script>&\u2028\u2029";

  @Test
  void nothingInTheJsonCanEndTheScriptOrStartMarkup() {
    String json = Json.createObjectBuilder().add("label", ATTACK).build().toString();
    String embedded = ScriptJson.embed(json);
    assertThat(embedded)
        .doesNotContain("<")
        .doesNotContain(">")
        .doesNotContain("&")
        .doesNotContain("\u2028")
        .doesNotContain("\u2029")
        .contains("\\u003c/script\\u003e");
  }

  @Test
  void theValueReadBackIsTheSame() {
    String json = Json.createObjectBuilder().add("label", ATTACK).add("n", 3).build().toString();
    JsonObject read = Json.createReader(new StringReader(ScriptJson.embed(json))).readObject();
    assertThat(read.getString("label")).isEqualTo(ATTACK);
    assertThat(read.getInt("n")).isEqualTo(3);
  }
}
