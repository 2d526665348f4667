package eu.federa.platform.config;

/** A configured value is not of its setting's kind; the message names the setting. */
public class InvalidSettingException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String message) {
    super(message);
  }
}
