package io.arca.export.zip;

/** The zip's file-name rule, for tests in other packages. */
public final class ZipNamesAccess {
    private ZipNamesAccess() {
    }

    public static String sanitise(String name) {
        return ZipNames.sanitise(name);
    }
}
