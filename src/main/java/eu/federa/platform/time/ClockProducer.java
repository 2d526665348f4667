package eu.federa.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** All time in Federa is UTC; services inject this clock so that time rules can be tested. */
@ApplicationScoped
public class ClockProducer {

  @Produces
  @ApplicationScoped
  Clock utcClock() {
    return Clock.systemUTC();
  }
}
