package io.arca.archive.store;

/** The object does not exist. Never transient. */
public class ObjectNotFoundException extends ObjectStoreException {
    private final String key;

    public ObjectNotFoundException(String key) {
        super("object not found: " + key, false, null);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
