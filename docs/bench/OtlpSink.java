// An OTLP/HTTP receiver that takes spans and drops them, counting: what a collector costs the gateway
// to send to, without a collector's own cost on the same cores.
//   java -cp target/conference-gateway.jar docs/bench/OtlpSink.java PORT
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;

public class OtlpSink {
  public static void main(String[] args) {
    AtomicLong requests = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      requests.incrementAndGet();
      bytes.addAndGet(b.length());
      req.response().putHeader("content-type", "application/x-protobuf").end(Buffer.buffer());
    })).listen(Integer.parseInt(args[0]), "127.0.0.1").onSuccess(s -> System.out.println("otlp sink on " + s.actualPort()));
    vertx.setPeriodic(10_000, id -> System.out.printf("otlp sink: %d requests, %d bytes%n", requests.get(), bytes.get()));
  }
}
