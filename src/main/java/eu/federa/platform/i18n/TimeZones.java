package eu.federa.platform.i18n;

import java.util.List;

/**
 * The time zones a user may read times in: UTC and the zones of the European Union's member states
 * (the federation's users are there), as ids of the time-zone database.
 */
public final class TimeZones {

  public static final String UTC = "UTC";

  public static final List<String> CHOICES =
      List.of(
          UTC,
          "Atlantic/Azores",
          "Atlantic/Canary",
          "Atlantic/Madeira",
          "Europe/Amsterdam",
          "Europe/Athens",
          "Europe/Berlin",
          "Europe/Bratislava",
          "Europe/Brussels",
          "Europe/Bucharest",
          "Europe/Budapest",
          "Europe/Copenhagen",
          "Europe/Dublin",
          "Europe/Helsinki",
          "Europe/Lisbon",
          "Europe/Ljubljana",
          "Europe/Luxembourg",
          "Europe/Madrid",
          "Europe/Malta",
          "Europe/Nicosia",
          "Europe/Paris",
          "Europe/Prague",
          "Europe/Riga",
          "Europe/Rome",
          "Europe/Sofia",
          "Europe/Stockholm",
          "Europe/Tallinn",
          "Europe/Vienna",
          "Europe/Vilnius",
          "Europe/Warsaw",
          "Europe/Zagreb");

  private TimeZones() {}
}
