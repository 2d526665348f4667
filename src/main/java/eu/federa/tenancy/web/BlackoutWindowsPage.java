package eu.federa.tenancy.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.BlackoutWindow;
import eu.federa.tenancy.BlackoutWindows;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Backs the organisation's blackout windows on the moves page: when the platform moves none of its
 * VMs (rebalancing). Members see them; tenant admins add and remove them.
 */
@Named
@ViewScoped
public class BlackoutWindowsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject BlackoutWindows windows;
  @Inject CurrentTenant tenant;

  private List<BlackoutWindow> list = List.of();
  private List<String> days = new ArrayList<>();
  private String start = "08:00";
  private String end = "18:00";

  @PostConstruct
  void open() {
    load();
  }

  private void load() {
    list = tenant.getId() == null ? List.of() : windows.list(tenant.getId());
  }

  /** Adds the window of the form. */
  public void add() {
    EnumSet<DayOfWeek> chosen = EnumSet.noneOf(DayOfWeek.class);
    days.forEach(d -> chosen.add(DayOfWeek.valueOf(d)));
    try {
      windows.add(tenant.getId(), chosen, start, end);
      FormMessages.info("blackout.added");
      days = new ArrayList<>();
      load();
    } catch (InvalidInputException e) {
      FormMessages.show("blackout", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
  }

  /** Removes a window. */
  public void remove(long windowId) {
    try {
      windows.remove(tenant.getId(), windowId);
      FormMessages.info("blackout.removed");
    } catch (NotFoundException e) {
      FormMessages.error("blackout.gone");
    }
    load();
  }

  public List<BlackoutWindow> getList() {
    return list;
  }

  /** The weekdays to choose from, Monday first. */
  public List<DayOfWeek> getWeekdays() {
    return List.of(DayOfWeek.values());
  }

  public List<String> getDays() {
    return days;
  }

  public void setDays(List<String> days) {
    this.days = days == null ? new ArrayList<>() : new ArrayList<>(days);
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }
}
