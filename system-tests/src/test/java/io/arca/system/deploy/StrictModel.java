package io.arca.system.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unknown fields in a parsed fabric8 object. fabric8's model classes accept any field (Jackson's any-setter puts
 * what the class does not declare into {@code additionalProperties}), so a misspelt or misplaced field (
 * {@code replica:}, a probe one level too deep) parses silently and the API server would drop or reject it. A strict
 * parse is a parse plus this walk: every {@code additionalProperties} in the object graph must be empty.
 */
final class StrictModel {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private StrictModel() {
    }

    /** "path: unknown field(s) [...]" for every model object under {@code root} with additional properties. */
    static List<String> unknownFields(Object root, String rootPath) {
        List<String> problems = new ArrayList<>();
        walk(root, rootPath, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems;
    }

    private static void walk(Object node, String path, List<String> problems, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, problems, seen));
        } else if (node instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "[" + index++ + "]", problems, seen);
            }
        } else if (node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object value = read(field, node);
                    if (field.getName().equals("additionalProperties")) {
                        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                            problems.add(path + ": unknown field(s) " + extra.keySet());
                        }
                    } else {
                        walk(value, path + "." + field.getName(), problems, seen);
                    }
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field + ": " + e.getMessage(), e);
        }
    }
}
