// The HTTP ceiling: a bare Vert.x server that reads each POST body whole and answers a fixed JSON,
// one verticle instance per event loop, as a push server without parsing or Kafka would.
//   java -cp target/conference-gateway.jar docs/bench/BareHttp.java PORT
import io.vertx.core.*;
import io.vertx.core.buffer.Buffer;

public class BareHttp {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    Buffer ok = Buffer.buffer("{\"result\":\"0\",\"describe\":\"success\"}");
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override public Future<?> start() {
        return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
            req.response().putHeader("content-type", "application/json").end(ok))).listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2)).onSuccess(id -> System.out.println("bare http on " + port));
  }
}
