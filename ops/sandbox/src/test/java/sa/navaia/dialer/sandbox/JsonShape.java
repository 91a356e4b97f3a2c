package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a JSON document's structure with a fixture's: the same keys at every path, the same JSON types; a
 * {@code null} in the fixture allows any value. Arrays are compared element by element with the fixture's first
 * element. Maps whose keys are data (e.g. {@code data_collection_results}) are named in {@code maps}: their values
 * are compared with the fixture's first value, or, for {@link #SCALARS}, must be strings, numbers, booleans or null.
 */
final class JsonShape {

    static final String SCALARS = "scalars";
    static final String FIRST_VALUE = "first value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonShape() {
    }

    static JsonNode fixture(String name) {
        return fixture("elevenlabs", name);
    }

    static JsonNode fixture(String folder, String name) {
        try (InputStream in = JsonShape.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture /" + folder + "/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every difference, as {@code path: what}; empty when the shapes agree. */
    static List<String> differences(JsonNode fixture, JsonNode actual, Map<String, String> maps) {
        List<String> differences = new ArrayList<>();
        compare(fixture, actual, "$", maps, differences);
        return differences;
    }

    private static void compare(JsonNode fixture, JsonNode actual, String path, Map<String, String> maps,
                                List<String> differences) {
        if (fixture.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            differences.add(path + ": missing");
            return;
        }
        if (actual.getNodeType() != fixture.getNodeType()) {
            differences.add(path + ": " + actual.getNodeType() + " where the fixture has " + fixture.getNodeType());
            return;
        }
        if (fixture.isArray()) {
            if (fixture.size() > 0) {
                for (int i = 0; i < actual.size(); i++) {
                    compare(fixture.get(0), actual.get(i), path + "[" + i + "]", maps, differences);
                }
            }
        } else if (fixture.isObject() && maps.containsKey(path)) {
            Iterator<Map.Entry<String, JsonNode>> fields = actual.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (SCALARS.equals(maps.get(path))) {
                    if (value.isContainerNode()) {
                        differences.add(path + "." + field.getKey() + ": not a string, number or boolean");
                    }
                } else if (fixture.size() > 0) {
                    compare(fixture.elements().next(), value, path + "." + field.getKey(), maps, differences);
                }
            }
        } else if (fixture.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            fixture.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (!fixture.has(key)) {
                    differences.add(path + "." + key + ": not in the fixture");
                } else {
                    compare(fixture.get(key), actual.get(key), path + "." + key, maps, differences);
                }
            }
        }
    }
}
