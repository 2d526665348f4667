package eu.federa.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The realm files a bench's Keycloak imports: the project's own, with the bench's users added to
 * the portal's realm (password: the demo password) and, when a bench runs behind balancers, more
 * redirect addresses for the portal's client.
 */
final class BenchRealm {

  private BenchRealm() {}

  /** A bench user: enabled, e-mail verified, realm role {@code member}. */
  record User(String username, String email) {}

  /**
   * Copies every {@code *-realm.json} of {@code from} into {@code to}.
   *
   * @param redirectUris the portal client's redirect addresses; empty keeps the project's
   * @return {@code to}, for the bench's {@link StackSettings}
   */
  static Path write(Path from, Path to, List<String> redirectUris, List<User> users)
      throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith("-realm.json")).toList()) {
        String text = Files.readString(f);
        if (f.getFileName().toString().equals("federa-realm.json")) {
          if (!redirectUris.isEmpty()) {
            text =
                text.replace(
                    "\"redirectUris\": [\"${FEDERA_PORTAL_URL}/*\"]",
                    redirectUris.stream()
                        .map(u -> "\"" + u + "\"")
                        .collect(Collectors.joining(", ", "\"redirectUris\": [", "]")));
          }
          StringBuilder added = new StringBuilder("\"users\": [\n");
          users.forEach(u -> added.append(json(u)));
          text =
              text.replaceFirst(
                  "\"users\"\\s*:\\s*\\[", Matcher.quoteReplacement(added.toString()));
        }
        Files.writeString(to.resolve(f.getFileName()), text);
      }
    }
    return to;
  }

  private static String json(User u) {
    return "    {\"username\": \""
        + u.username()
        + "\", \"email\": \""
        + u.email()
        + "\", \"firstName\": \"Bench\", \"lastName\": \""
        + u.username()
        + "\", \"enabled\": true, \"emailVerified\": true, \"credentials\": [{\"type\":"
        + " \"password\", \"value\": \"${FEDERA_DEMO_PASSWORD}\", \"temporary\": false}],"
        + " \"realmRoles\": [\"member\"]},\n";
  }
}
