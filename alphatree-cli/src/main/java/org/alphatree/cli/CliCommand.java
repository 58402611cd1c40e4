package org.alphatree.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code alphatree} command shares: picocli's model of the command, injected, and the
 * streams it prints to (those of its {@code CommandLine}, so tests and callers can capture them),
 * and {@code --help}/{@code --version}, which subclasses inherit with this annotation.
 */
@Command(mixinStandardHelpOptions = true)
abstract class CliCommand implements Callable<Integer> {

    /** The command as picocli parsed it. */
    @Spec CommandSpec spec;

    /**
     * The standard output of this command line.
     *
     * @return the writer
     */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * The error output of this command line.
     *
     * @return the writer
     */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
