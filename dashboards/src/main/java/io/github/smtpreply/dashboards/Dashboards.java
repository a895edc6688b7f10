package io.github.smtpreply.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The dashboards: each built from a panel spec in this package's resources ({@code overview.json},
 * {@code code.json}) by {@link DashboardBuilder}, as the provisioned copy (a data source variable)
 * and the importable copy (with {@code __inputs}). {@link #main} writes them where the repository
 * keeps them: {@code grafana/UID.json} (provisioned) and {@code import/UID.json}.
 */
public final class Dashboards {
  /** The panel specs, one per dashboard. */
  public static final List<String> SPECS = List.of("overview.json", "code.json");

  static final ObjectMapper JSON = new ObjectMapper();

  private Dashboards() {}

  /** The provisioned dashboard built from {@code spec}. */
  public static ObjectNode provisioned(String spec) {
    return new DashboardBuilder(read(spec)).build();
  }

  /** The copy for Grafana's import dialog: the same with {@code __inputs} for the data source. */
  public static ObjectNode importable(String spec) {
    return Importable.of(provisioned(spec));
  }

  /** Pretty-printed JSON as committed: two-space indents, a final newline. */
  public static String print(JsonNode node) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    try {
      return JSON.writer(printer).writeValueAsString(node).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The committed path of a dashboard, relative to the module folder. */
  public static String path(ObjectNode dashboard, boolean importable) {
    return (importable ? "import/" : "grafana/") + dashboard.get("uid").asText() + ".json";
  }

  /** Writes every dashboard under {@code args[0]} (the dashboards module folder). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "dashboards");
    for (String spec : SPECS) {
      for (boolean importable : new boolean[] {false, true}) {
        ObjectNode d = importable ? importable(spec) : provisioned(spec);
        Path file = dir.resolve(path(d, importable));
        Files.createDirectories(file.getParent());
        Files.writeString(file, print(d), StandardCharsets.UTF_8);
      }
    }
  }

  static JsonNode read(String spec) {
    try (InputStream in = Dashboards.class.getResourceAsStream(spec)) {
      if (in == null) {
        throw new IllegalArgumentException("no panel spec " + spec);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
