package dev.holdout.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for the output tests (started with {@link dev.holdout.reliability.Jvm}):
 * <pre>
 * hold TARGET                     claim the folder, print "claimed", wait to be killed
 * crash TARGET force|new STEP TAG  write the folder (files a.txt and sub/b.txt holding TAG), dying with
 *                                 Runtime.halt — no cleanup, like kill -9 — at STEP ("writing", or a step of the swap)
 * umask FOLDER FILE               write a folder output (a file and a subfolder inside) and a file output
 * </pre>
 */
final class OutputChild {
    private OutputChild() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "hold" -> {
                OutputFolder out = OutputFolder.at(Path.of(args[1])).claim();
                System.out.println("claimed " + out.path());
                System.out.flush();
                Thread.sleep(120_000);
            }
            case "crash" -> {
                String step = args[3];
                OutputFolder.steps = s -> {
                    if (s.equals(step)) Runtime.getRuntime().halt(137);
                };
                try (OutputFolder out = OutputFolder.at(Path.of(args[1])).force(args[2].equals("force")).claim()) {
                    out.write(dir -> {
                        Files.writeString(dir.resolve("a.txt"), args[4]);
                        if (step.equals("writing")) Runtime.getRuntime().halt(137);
                        Files.createDirectories(dir.resolve("sub"));
                        Files.writeString(dir.resolve("sub/b.txt"), args[4]);
                    });
                }
                System.out.println("wrote " + args[4]);
            }
            case "umask" -> {
                try (OutputFolder out = OutputFolder.at(Path.of(args[1])).claim()) {
                    out.write(dir -> {
                        Files.createDirectories(dir.resolve("sub"));
                        Files.writeString(dir.resolve("sub/part.csv"), "a\n1\n");
                    });
                }
                OutputFile.replace(Path.of(args[2]), "a\n1\n");
            }
            default -> throw new IllegalArgumentException("mode=" + args[0]);
        }
    }
}
