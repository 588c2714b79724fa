// Writes conferences straight to conference.state, as a fleet's ingress would: N conferences, each with
// STATES call-state changes (RINGING, ANSWERED, DISCONNECTED, in that order), for the session fold to fold.
//   java -cp target/conference-gateway.jar docs/bench/FillStates.java BOOTSTRAP TOPIC N [STATES] [PREFIX]
// Prints progress every 100,000 records and the rate at the end.
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class FillStates {
  private static final String[] STATES = {"RINGING", "ANSWERED", "DISCONNECTED"};

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    long n = Long.parseLong(args[2]);
    int states = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    String prefix = args.length > 4 ? args[4] : "8";
    long start = System.nanoTime();
    long written = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
        "acks", "all", "linger.ms", "20", "batch.size", "262144", "compression.type", "snappy"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int s = 0; s < states; s++) {
        for (long i = 0; i < n; i++) {
          String session = prefix + String.format("%031d", i);
          String value = "{\"sessionId\":\"" + session + "\",\"caller\":\"8617001090107\",\"callee\":\"0188"
              + String.format("%08d", i % 100_000_000) + "\",\"state\":\"" + STATES[s] + "\",\"stateTime\":"
              + "\"2026-12-01T10:00:0" + s + ".000+08:00\",\"appId\":\"9216BC2CE463C6633FA0EA1EFB4E7FBF\","
              + "\"receivedAt\":\"2026-12-01T02:00:00.000Z\"}";
          producer.send(new ProducerRecord<>(topic, session, value.getBytes(StandardCharsets.UTF_8)));
          if (++written % 100_000 == 0) {
            System.err.printf("  %,d records%n", written);
          }
        }
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("wrote %,d records (%,d conferences x %d states) in %.1f s = %,.0f/s%n", written, n, states,
        seconds, written / seconds);
  }
}
