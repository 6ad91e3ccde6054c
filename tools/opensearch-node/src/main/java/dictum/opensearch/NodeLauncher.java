package dictum.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one real OpenSearch node in this JVM from the Maven Central artifacts, for Dictum's
 * tests and development. Several launchers with the same cluster name and seed hosts form a
 * cluster. The node stops when its standard input closes, so a test runner that dies never
 * leaves a node behind.
 */
public final class NodeLauncher {
  private NodeLauncher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    String name = opts.getOrDefault("name", "node-1");
    Path home = Path.of(opts.getOrDefault("home", Files.createTempDirectory("dictum-os-").toString()));
    Files.createDirectories(home.resolve("config"));
    Settings.Builder settings = Settings.builder()
        .put("cluster.name", opts.getOrDefault("cluster", "dictum-test"))
        .put("node.name", name)
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("network.host", "127.0.0.1")
        .put("http.port", opts.getOrDefault("http-port", "9200"))
        .put("transport.port", opts.getOrDefault("transport-port", "9300"))
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        // Shared test machines run with nearly full disks; watermarks would block allocation.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.auto_create_index", false);
    String seeds = opts.get("seed-hosts");
    if (seeds == null) {
      settings.put("discovery.type", "single-node");
    } else {
      settings.putList("discovery.seed_hosts", List.of(seeds.split(",")));
      settings.putList("cluster.initial_cluster_manager_nodes", List.of(opts.getOrDefault("initial-managers", name).split(",")));
    }
    List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);
    Node node = new PluginNode(settings.build(), home.resolve("config"), plugins);
    node.start();
    System.out.println("READY " + name + " http://127.0.0.1:" + opts.getOrDefault("http-port", "9200"));
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node, stopped)));
    waitForEndOfInput(System.in);
    closeQuietly(node, stopped);
    stopped.await();
    System.exit(0);
  }

  private static void waitForEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Input carries no commands; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone: stop as for end of input.
    }
  }

  private static synchronized void closeQuietly(Node node, CountDownLatch stopped) {
    if (stopped.getCount() == 0) return;
    try {
      node.close();
    } catch (IOException e) {
      System.err.println("opensearch-node: close failed: " + e.getMessage());
    }
    stopped.countDown();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i + 1 < rest.size(); i += 2) {
      String key = rest.get(i);
      if (!key.startsWith("--")) throw new IllegalArgumentException("opensearch-node: expected --option value, got " + key);
      opts.put(key.substring(2), rest.get(i + 1));
    }
    return opts;
  }
}
