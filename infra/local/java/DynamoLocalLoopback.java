// Starts Amazon's DynamoDB Local listening on 127.0.0.1 only (its command line has no host option: its Jetty
// server binds every interface), and stops it when the process that started it dies however it dies: that
// process holds the write end of this one's stdin, so a read sees end-of-file the moment it is gone.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoLocalLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");

    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* the parent writes nothing; only its end matters */ }
      } catch (Exception ignored) {
        // A broken pipe means the same: the parent is gone.
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    // Telemetry is never configured here, so DynamoDB Local sends none (no network but the local one).
    proxy.start();
    proxy.join();
  }
}
