package com.conferencegateway;

import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says loudly, at start, what dev mode runs inside this process and how to look at it. */
final class DevModeBanner {
  private static final Logger LOG = LoggerFactory.getLogger("DEV-MODE");

  private DevModeBanner() {}

  static void kafka(EmbeddedKafka kafka) {
    LOG.warn("""

        ================================ DEV MODE ================================
         KAFKA_BOOTSTRAP_SERVERS is unset: an embedded single-node Kafka broker
         runs inside this process. Not for production.
           broker:   {}
           data in:  {}
         Watch it:  kafka-console-consumer.sh --bootstrap-server {} \\
                      --topic conference.state --from-beginning --property print.headers=true
        ==========================================================================""",
        kafka.bootstrapServers(), kafka.dataDir().toAbsolutePath(), kafka.bootstrapServers());
  }

  static void simulator(String baseUrl, GatewayConfig.Simulator s, boolean demoAppKey) {
    // The simulator's demo keys are logged on purpose: they are the only keys ever logged.
    LOG.warn("""

        ============================ DEV MODE: SIMULATOR ============================
         PLATFORM_BASE_URL is unset: an embedded platform simulator answers at
           {}
         demo app:      id {}  key {}
         demo account:  id {}  key {}
         Try:  java -jar target/conference-gateway.jar command create \\
                 --account {} --caller 13800000000 --phones 13900000001,13900000002 --user demo
        ==============================================================================""",
        baseUrl, s.appId(), demoAppKey ? s.appKey() : "(PLATFORM_APP_KEY, not shown)", s.demoAccountId(),
        s.demoAccountKey(), s.demoAccountId());
  }
}
