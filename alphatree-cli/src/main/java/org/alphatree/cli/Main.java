package org.alphatree.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alphatree} command. */
@Command(
        name = "alphatree",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "AlphaTree: exact DJL blocks and networks, with summaries, weight interop and benchmarks.",
            ""
        },
        subcommands = {
            ModelsCommand.class,
            SummaryCommand.class,
            WeightsCommand.class,
            ForwardCommand.class,
            PredictCommand.class,
            FidCommand.class,
            FidStatsCommand.class,
            IsCommand.class,
            KidCommand.class,
            GanCommand.class,
            DiagramCommand.class,
            GalleryCommand.class,
            BenchCommand.class,
            TourCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  alphatree models",
            "  alphatree summary resnet50 --input-shape 1,3,224,224",
            "  alphatree summary resnet18 --json",
            "  alphatree predict --model resnet50 photo.jpg"
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** {@inheritDoc} */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(
                run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command with the given streams; for tests and embedding.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code: 0 on success, 1 on an error, 2 on a usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (System.getProperty("alphatree.offline") == null
                && System.getenv("ALPHATREE_OFFLINE") == null) {
            // the weights cache follows the user's own DJL offline setting, not the one set below
            System.setProperty(
                    "alphatree.offline",
                    Boolean.toString(org.alphatree.blocks.hub.HubCache.offlineByEnvironment()));
        }
        if (System.getProperty("ai.djl.offline") == null) {
            // DJL never downloads libtorch at run time: it comes from the class path.
            System.setProperty("ai.djl.offline", "true");
        }
        if (!"0".equals(System.getenv("ALPHATREE_MALLOC_TUNING"))) {
            // keep libtorch's activations out of mmap (see NativeAllocator); opt out with
            // ALPHATREE_MALLOC_TUNING=0
            org.alphatree.blocks.runtime.NativeAllocator.tune();
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    commandLine.getErr().println("alphatree: error: " + message(ex));
                    return 1;
                });
        return cl.execute(args);
    }

    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "alphatree " + (v == null ? "(development build)" : v),
                "DJL 0.36.0, libtorch 2.7.1, Java " + System.getProperty("java.version")
            };
        }
    }
}
