package eu.federa.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A certificate for 127.0.0.1 and its key in one PEM file, as HAProxy takes them, made by openssl.
 */
public final class SelfSignedPem {

  private SelfSignedPem() {}

  /** Writes {@code name}.pem (and its .crt and .key) into {@code dir}; returns the PEM. */
  public static Path make(Path dir, String name) throws Exception {
    Path key = dir.resolve(name + ".key");
    Path cert = dir.resolve(name + ".crt");
    Path log = dir.resolve(name + "-openssl.log");
    Process p =
        ChildProcesses.start(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-days",
                "2",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString()),
            dir,
            log,
            Map.of());
    if (p.waitFor() != 0) {
      throw new StackException(
          "openssl could not make a certificate:\n" + ChildProcesses.tail(log, 10));
    }
    Path pem = dir.resolve(name + ".pem");
    Files.writeString(pem, Files.readString(cert) + Files.readString(key));
    return pem;
  }
}
