package org.alphatree.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.cli.gallery.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alphatree gallery}: regenerate the docs gallery. */
@Command(
        name = "gallery",
        mixinStandardHelpOptions = true,
        description =
                "Regenerate the docs gallery: a page, a diagram and a summary per registered network.")
final class GalleryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            defaultValue = "docs/gallery",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Path> files =
                Gallery.generate(
                        out,
                        new Progress(
                                spec.commandLine().getErr(),
                                "gallery",
                                ModelRegistry.all().size(),
                                "networks/s"));
        spec.commandLine()
                .getOut()
                .println(
                        "wrote "
                                + files.size()
                                + " files to "
                                + out
                                + " (open "
                                + out.resolve("index.md")
                                + ")");
        return 0;
    }
}
