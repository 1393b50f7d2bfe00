package io.arca.system;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code @ConfigMapping} interfaces of every module of the repository and the keys they read. The interfaces are
 * found in each module's {@code src/main/java} (a file with a line that starts {@code @ConfigMapping(}) and read by
 * reflection, so this module must see their classes (it depends on the three services, and through them on their
 * libraries). A key is the prefix and each abstract method's name in the mapping's naming strategy, or its
 * {@code @WithName}; a method that returns another interface is a group whose keys continue the method's key.
 * {@code default} methods compute from other keys and read none.
 */
public final class ConfigMappings {
    private static final Pattern MODULE_DEPENDENCY = Pattern.compile("<artifactId>([a-z0-9-]+)</artifactId>");
    private static final Pattern MAPPING_ANNOTATION = Pattern.compile("(?m)^@ConfigMapping\\(");

    private final Path repo;
    /** Module directory name → keys that module's own mappings read. */
    private final Map<String, Set<String>> keysByModule;

    private ConfigMappings(Path repo, Map<String, Set<String>> keysByModule) {
        this.repo = repo;
        this.keysByModule = keysByModule;
    }

    public static ConfigMappings scan(Path repo) throws IOException {
        Map<String, Set<String>> keysByModule = new TreeMap<>();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                Set<String> keys = new TreeSet<>();
                for (Class<?> mapping : mappingsIn(module.resolve("src/main/java"))) {
                    keys.addAll(keysOf(mapping));
                }
                keysByModule.put(module.getFileName().toString(), keys);
            }
        }
        return new ConfigMappings(repo, keysByModule);
    }

    /** The modules (directories with {@code src/main/java}), mappings or not. */
    Set<String> modules() {
        return keysByModule.keySet();
    }

    /** Every key some mapping of some module reads. */
    Set<String> all() {
        Set<String> all = new TreeSet<>();
        keysByModule.values().forEach(all::addAll);
        return all;
    }

    /** The keys a module's code reads: its own mappings' and those of the modules of this repository it depends on. */
    public Set<String> readBy(String module) {
        Set<String> keys = new TreeSet<>();
        withDependencies(module).forEach(m -> keys.addAll(keysByModule.get(m)));
        return keys;
    }

    /** The module and the modules of this repository it depends on, directly or through each other. */
    public Set<String> withDependencies(String module) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (keysByModule.containsKey(next) && seen.add(next)) {
                todo.addAll(dependencies(next));
            }
        }
        return seen;
    }

    /** Modules of this repository that a module's pom names (scope aside: a test-scoped library reads no key). */
    private List<String> dependencies(String module) {
        try {
            Matcher artifact = MODULE_DEPENDENCY.matcher(Files.readString(repo.resolve(module).resolve("pom.xml")));
            return artifact.results().map(r -> r.group(1)).filter(keysByModule::containsKey).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> keysOf(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        if (annotation == null) {
            throw new IllegalArgumentException(mapping.getName() + " is not annotated @ConfigMapping");
        }
        if (annotation.beanStyleGetters()) {
            throw new IllegalStateException(mapping.getName() + ": bean-style getters are not derived here yet");
        }
        Set<String> keys = new TreeSet<>();
        collect(mapping, annotation.prefix(), annotation.namingStrategy(), keys);
        return keys;
    }

    private static void collect(Class<?> group, String prefix, ConfigMapping.NamingStrategy naming, Set<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = withName != null ? withName.value() : naming.apply(method.getName());
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : join(prefix, name);
            Class<?> value = valueType(method);
            boolean collectionOfGroups = Collection.class.isAssignableFrom(value) && groupElements(method);
            if (Map.class.isAssignableFrom(value) || collectionOfGroups) {
                throw new IllegalStateException(group.getName() + "#" + method.getName()
                        + ": maps and lists of groups are not derived here yet; extend ConfigMappings");
            }
            if (isGroup(value)) {
                collect(value, key, naming, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** The return type, or T of {@code Optional<T>}. */
    private static Class<?> valueType(Method method) {
        if (method.getReturnType() == Optional.class
                && method.getGenericReturnType() instanceof ParameterizedType optional
                && optional.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return method.getReturnType();
    }

    private static boolean groupElements(Method method) {
        return method.getGenericReturnType() instanceof ParameterizedType collection
                && collection.getActualTypeArguments()[0] instanceof Class<?> element && isGroup(element);
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static List<Class<?>> mappingsIn(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java") && declaresMapping(f))
                    .<Class<?>>map(f -> load(sources.relativize(f))).toList();
        }
    }

    private static boolean declaresMapping(Path file) {
        try {
            return MAPPING_ANNOTATION.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(Path relative) {
        String file = relative.toString().replace(relative.getFileSystem().getSeparator(), ".");
        String name = file.substring(0, file.length() - ".java".length());
        try {
            return Class.forName(name, false, ConfigMappings.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on system-tests' classpath: add its module to the pom", e);
        }
    }
}
