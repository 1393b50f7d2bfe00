package io.arca.system.deploy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pinning rule for every image a deploy file names: a digest, or a tag that carries a version with at least two
 * numeric parts ({@code 15.18}, {@code 4.3.1}, {@code 21.0.12_8-jre-noble}, {@code RELEASE.2025-09-07T16-13-09Z}).
 * An untagged image is {@code latest}; {@code latest} and a bare major ({@code postgres:15}) move under the same
 * name, so a rebuild or a pod restart could run something nobody tested.
 */
final class ImageReference {
    private static final Pattern VERSION = Pattern.compile("\\d+[._-]\\d+");

    private ImageReference() {
    }

    /** Why the image is not pinned, or empty when it is. */
    static Optional<String> unpinned(String image) {
        if (image == null || image.isBlank()) {
            return Optional.of("no image named");
        }
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        int lastSlash = image.lastIndexOf('/');
        int colon = image.indexOf(':', lastSlash + 1);
        if (colon < 0) {
            return Optional.of(image + " has no tag (that is latest)");
        }
        String tag = image.substring(colon + 1);
        if (tag.equalsIgnoreCase("latest")) {
            return Optional.of(image + " is latest");
        }
        if (!VERSION.matcher(tag).find()) {
            return Optional.of(image + ": tag " + tag + " names no version (at least major.minor, or a digest)");
        }
        return Optional.empty();
    }
}
