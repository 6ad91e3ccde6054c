package dictum.opensearch;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/** A node whose modules come from the classpath, as the distribution's modules folder would give them. */
final class PluginNode extends Node {
  PluginNode(Settings settings, Path configDir, Collection<Class<? extends Plugin>> plugins) {
    super(
        InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), configDir, () -> settings.get("node.name")),
        plugins,
        true);
  }
}
