package dev.herd.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a page whole or not at all: to a temporary file beside it, then moved over it. */
public final class PageFile {

    private PageFile() {
    }

    public static Path write(Path page, String html) throws IOException {
        Path tmp = page.resolveSibling(page.getFileName() + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        try {
            return Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
