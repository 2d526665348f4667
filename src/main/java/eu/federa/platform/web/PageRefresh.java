package eu.federa.platform.web;

import eu.federa.platform.config.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * How often a page showing work in progress (a VM booting, an export, a move) looks again: each
 * page names its usual pace, {@code FEDERA_PAGE_REFRESH_PERCENT} scales them all (100: as named;
 * 50: twice as often). Used as {@code <p:poll interval="#{pageRefresh.every(2)}"
 * intervalType="millisecond"/>}.
 */
@Named
@ApplicationScoped
public class PageRefresh {

  /** Never more often than this, whatever the setting. */
  static final long FLOOR_MILLIS = 250;

  private int percent = 100;

  @PostConstruct
  void read() {
    percent = Setting.PAGE_REFRESH_PERCENT.intValue();
  }

  /** The interval of a page whose usual pace is {@code seconds}, in milliseconds. */
  public long every(int seconds) {
    return millis(seconds, percent);
  }

  static long millis(int seconds, int percent) {
    return Math.max(FLOOR_MILLIS, seconds * 1000L * percent / 100);
  }
}
