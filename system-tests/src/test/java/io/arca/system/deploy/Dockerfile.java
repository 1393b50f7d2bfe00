package io.arca.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The instructions of a Dockerfile: continuation lines joined, comments dropped. Enough for checking what an image
 * is built from and runs as; the syntax itself is dockerfile-utils' to check.
 */
record Dockerfile(List<Instruction> instructions) {

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String whole = pending.toString().strip();
            pending.setLength(0);
            if (!whole.isEmpty()) {
                int space = whole.indexOf(' ');
                instructions.add(space < 0 ? new Instruction(whole.toUpperCase(), "")
                        : new Instruction(whole.substring(0, space).toUpperCase(), whole.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The last instruction of this kind (the one in force), or null. */
    String last(String keyword) {
        List<String> all = all(keyword);
        return all.isEmpty() ? null : all.getLast();
    }

    record Instruction(String keyword, String arguments) {
    }
}
