package eu.federa.cloud.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcTest {

  @Test
  void everyTypeSurvivesARoundTrip() throws Exception {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("name", "a & b <c>");
    struct.put("big", 9_000_000_000L);
    List<Object> value =
        List.of(
            "text",
            42,
            9_000_000_000L,
            true,
            false,
            2.5,
            new byte[] {1, 2, 3},
            List.of(1, "x"),
            struct);

    Object decoded = XmlRpc.parseResponse(XmlRpcServer.methodResponse(value));

    assertThat(decoded).isInstanceOf(List.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) decoded;
    assertThat(list.subList(0, 6))
        .containsExactly((Object) "text", 42, 9_000_000_000L, true, false, 2.5);
    assertThat((byte[]) list.get(6)).containsExactly(1, 2, 3);
    assertThat(list.get(7)).isEqualTo(List.of(1, "x"));
    assertThat(list.get(8)).isEqualTo(struct);
  }

  @Test
  void aValueWithoutTypeIsAStringAndI4IsAnInt() throws Exception {
    String xml =
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><array><data>"
            + "<value>plain</value><value><i4>7</i4></value><value><string></string></value>"
            + "</data></array></value></param></params></methodResponse>";

    assertThat(XmlRpc.parseResponse(xml)).isEqualTo(List.of("plain", 7, ""));
  }

  @Test
  void openNebulaFailureArrayWithI8IsDecoded() throws Exception {
    String xml =
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><array><data>"
            + "<value><boolean>0</boolean></value>"
            + "<value><string>[one.vm.info] Error getting virtual machine [42].</string></value>"
            + "<value><int>1024</int></value><value><int>42</int></value><value><i8>-1</i8></value>"
            + "</data></array></value></param></params></methodResponse>";

    assertThat(XmlRpc.parseResponse(xml))
        .isEqualTo(
            List.of(false, "[one.vm.info] Error getting virtual machine [42].", 1024, 42, -1L));
  }

  @Test
  void aFaultBecomesAnXmlRpcFault() {
    assertThatThrownBy(() -> XmlRpc.parseResponse(XmlRpcServer.fault(-506, "Method not defined")))
        .isInstanceOfSatisfying(
            XmlRpcFault.class,
            f -> {
              assertThat(f.faultCode()).isEqualTo(-506);
              assertThat(f.getMessage()).isEqualTo("Method not defined");
            });
  }

  @Test
  void callsAreWrittenAndReadBack() throws Exception {
    XmlRpcCall call =
        XmlRpcServer.parseCall(XmlRpc.methodCall("one.vm.action", List.of("u:p", "poweroff", 3)));

    assertThat(call.method()).isEqualTo("one.vm.action");
    assertThat(call.params()).containsExactly("u:p", "poweroff", 3);
  }

  @Test
  void externalEntitiesAreNeverResolved() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<methodResponse><params><param><value><string>&x;</string></value></param></params></methodResponse>";

    assertThatThrownBy(() -> XmlRpc.parseResponse(xxe))
        .isInstanceOf(MalformedXmlRpcException.class);
  }

  @Test
  void garbageAndUnknownTypesAreMalformed() {
    assertThatThrownBy(() -> XmlRpc.parseResponse("<html>oops</html>"))
        .isInstanceOf(MalformedXmlRpcException.class);
    assertThatThrownBy(() -> XmlRpc.parseResponse("not xml"))
        .isInstanceOf(MalformedXmlRpcException.class);
    assertThatThrownBy(
            () ->
                XmlRpc.parseResponse(
                    "<methodResponse><params><param><value><float>1</float></value></param></params></methodResponse>"))
        .isInstanceOf(MalformedXmlRpcException.class)
        .hasMessageContaining("float");
    assertThatThrownBy(
            () ->
                XmlRpc.parseResponse(
                    "<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>"))
        .isInstanceOf(MalformedXmlRpcException.class);
  }
}
