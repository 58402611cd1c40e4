package org.alphatree.cli;

import java.nio.file.Path;
import java.util.List;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.cli.gallery.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alphatree gallery}: regenerate the docs gallery. */
@Command(
        name = "gallery",
        description =
                "Regenerate the docs gallery: a page, a diagram and a summary per registered network.")
final class GalleryCommand extends CliCommand {

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
                        new Progress(err(), "gallery", ModelRegistry.all().size(), "networks/s"));
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
