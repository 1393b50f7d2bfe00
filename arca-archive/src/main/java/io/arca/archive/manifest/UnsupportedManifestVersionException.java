package io.arca.archive.manifest;

import io.arca.archive.format.UnsupportedFormatException;

/** The manifest JSON declares a format version this build does not read (or none). */
public class UnsupportedManifestVersionException extends UnsupportedFormatException {
    public UnsupportedManifestVersionException(String message) {
        super(message);
    }
}
