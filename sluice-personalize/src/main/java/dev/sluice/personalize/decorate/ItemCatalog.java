package dev.sluice.personalize.decorate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.source.ObjectInfo;
import dev.sluice.personalize.inference.LineBlock;
import dev.sluice.personalize.inference.LineBlockReader;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.report.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Item metadata from the JSON Lines files of {@code input/item_metadata/}: one object per line, its
 * id in the {@code id} field (configurable). Held in memory (the catalog, not the batch output, sets
 * its size) until each connector has encoded its item structs from it ({@link #decorations}).
 */
public final class ItemCatalog {
    private final Map<String, ObjectNode> items;
    private final List<String> fieldsInOrder;
    private final long lines;
    private final long duplicates;

    private ItemCatalog(Map<String, ObjectNode> items, List<String> fieldsInOrder, long lines, long duplicates) {
        this.items = items;
        this.fieldsInOrder = fieldsInOrder;
        this.lines = lines;
        this.duplicates = duplicates;
    }

    /** No metadata folder: items are decorated with their id only. */
    public static ItemCatalog none() {
        return new ItemCatalog(Map.of(), List.of(), 0, 0);
    }

    /** Reads every non-empty file under {@code prefix}; a line that is not an object with an id goes to {@code rejects}. */
    public static ItemCatalog load(Folder folder, String prefix, String idField, Consumer<Reject> rejects) {
        Map<String, ObjectNode> items = new HashMap<>();
        Set<String> fields = new LinkedHashSet<>();
        long[] counts = new long[2];
        for (ObjectInfo file : folder.list(prefix)) {
            if (file.size() == 0) {
                continue;
            }
            String name = folder.describe() + file.key();
            try (InputStream in = folder.open(file.key());
                 LineBlockReader reader = new LineBlockReader(in, name, 1 << 20)) {
                for (LineBlock block = reader.next(); block != null; block = reader.next()) {
                    block.forEachLine((line, bytes, offset, length) -> {
                        counts[0]++;
                        ObjectNode item = item(name, line, bytes, offset, length, idField, rejects);
                        if (item != null) {
                            item.fieldNames().forEachRemaining(fields::add);
                            if (items.put(item.get(idField).asText(), item) != null) {
                                counts[1]++;
                            }
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
            }
        }
        fields.remove(Decoration.ITEM_ID);
        return new ItemCatalog(items, List.copyOf(fields), counts[0], counts[1]);
    }

    private static ObjectNode item(String file, long line, byte[] bytes, int offset, int length, String idField,
            Consumer<Reject> rejects) {
        String original = new String(bytes, offset, length, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes, offset, length);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            rejects.accept(new Reject(file, line, column, "not valid JSON: " + e.getOriginalMessage(), original));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            rejects.accept(new Reject(file, line, 1, "expected a JSON object", original));
            return null;
        }
        JsonNode id = node.get(idField);
        if (id == null || id.isNull() || id.isContainerNode() || id.asText().isEmpty()) {
            rejects.accept(new Reject(file, line, 0, "no item id: the field '" + idField + "' is missing or empty",
                    original));
            return null;
        }
        return (ObjectNode) node;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Every field of the metadata in the order first seen (the id field included), without {@code itemId}. */
    public List<String> fields() {
        return fieldsInOrder;
    }

    public int size() {
        return items.size();
    }

    public long lines() {
        return lines;
    }

    /** Lines whose id an earlier line already had (the later one wins). */
    public long duplicates() {
        return duplicates;
    }

    /**
     * The structs of one connector: {@code wanted} fields in that order (all when null), then {@code itemId}.
     *
     * @throws dev.sluice.personalize.job.JobConfigException when a wanted field is in no item
     */
    public Decoration decorations(String connector, List<String> wanted) {
        if (items.isEmpty()) {
            return Decoration.idOnly();
        }
        List<String> fields = wanted == null ? fieldsInOrder : wanted;
        if (wanted != null) {
            List<String> unknown = new ArrayList<>(wanted);
            unknown.removeAll(fieldsInOrder);
            if (wanted.contains(Decoration.ITEM_ID)) {
                unknown.add(Decoration.ITEM_ID + " (the connector adds it)");
            }
            if (!unknown.isEmpty()) {
                throw new dev.sluice.personalize.job.JobConfigException("connectors." + connector
                        + ".itemMetadataFields names fields that no item has: " + unknown + "; the metadata has "
                        + fieldsInOrder);
            }
        }
        Map<String, byte[]> structs = new HashMap<>(items.size() * 4 / 3 + 1);
        items.forEach((id, item) -> structs.put(id, Decoration.encode(fields, item, id)));
        return new Decoration(fields, structs);
    }
}
