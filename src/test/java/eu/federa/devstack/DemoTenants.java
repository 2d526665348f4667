package eu.federa.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The demo organisations (Acme Analytics, Borealis Systems) with their projects and membership
 * rules, handed to the portal as a file ({@code FEDERA_DEMO_TENANTS}).
 */
public final class DemoTenants {

  private DemoTenants() {}

  public static Path writeImportFile(Path file) {
    try (InputStream in = DemoTenants.class.getResourceAsStream("demo-tenants.json")) {
      if (in == null) {
        throw new IllegalStateException("demo-tenants.json is missing from the test resources");
      }
      Files.createDirectories(file.getParent());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
