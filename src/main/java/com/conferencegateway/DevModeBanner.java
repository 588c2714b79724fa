package com.conferencegateway;

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
}
