package eu.federa.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks done before anything starts, so a taken port gives a message, not a stack trace. */
public final class Ports {

  private Ports() {}

  /**
   * @throws StackException naming the port, what needs it and the variable that changes it
   */
  public static void requireFree(int port, String usedFor, String variable) {
    if (!isFree(port)) {
      throw new StackException(
          "Port "
              + port
              + " on 127.0.0.1 ("
              + usedFor
              + ") is already in use. Stop the program that uses it (a demo left running stops"
              + " with ./federa stop), or choose another port with "
              + variable
              + "=<port>.");
    }
  }

  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as servers do: TIME_WAIT leftovers do not block them
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port that was free a moment ago. */
  public static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StackException("No free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
