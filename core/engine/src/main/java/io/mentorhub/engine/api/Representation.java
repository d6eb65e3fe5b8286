package io.mentorhub.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.engine.json.JsonMapper;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.Stored;
import java.util.List;

/** How stored values look on the wire: the record's fields plus version, created_at and modified_at. */
final class Representation {

    private Representation() {
    }

    static ObjectNode of(Stored<?> stored) {
        ObjectNode node = JsonMapper.MAPPER.valueToTree(stored.value());
        node.put("version", stored.version());
        node.put("created_at", stored.createdAt().toString());
        node.put("modified_at", stored.modifiedAt().toString());
        return node;
    }

    static <T> ObjectNode page(Page<T> page) {
        return page(page.items(), page.nextCursor());
    }

    static <T> ObjectNode page(List<Stored<T>> items, String nextCursor) {
        ObjectNode node = JsonMapper.MAPPER.createObjectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(item -> array.add(of(item)));
        if (nextCursor == null) {
            node.putNull("next_cursor");
        } else {
            node.put("next_cursor", nextCursor);
        }
        return node;
    }
}
