package dev.herd.report.html;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless on a page from disk: its DOM after the page's scripts ran (in
 * virtual time, so timers fire without waiting) and what the browser logged. No driver, no extra dependency.
 */
final class HeadlessChromium {

    /** What one page load gave. */
    record Result(String dom, String log, int exitCode) {
    }

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium from {@code $CHROMIUM}, the usual paths or the PATH; empty when there is none. */
    static Optional<HeadlessChromium> find() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                candidates.add(dir + "/chromium");
            }
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** Loads the page in a window of the given size and returns the DOM once its timers have run. */
    Result dumpDom(Path page, int width, int height, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path log = scratch.resolve("chromium-" + System.nanoTime() + ".log");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=" + width + "," + height, "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] dom = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
        return new Result(new String(dom, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8),
                process.exitValue());
    }
}
