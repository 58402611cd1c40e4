package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The real CLI, run in-process with captured streams. */
class MainTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsSubcommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("models") && r.out().contains("summary"), r.out());
    }

    @Test
    void versionPrints() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("alphatree "), r.out());
    }

    @Test
    void modelsListsRegistryWithCounts() {
        Result r = run("models");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("resnet50") && r.out().contains("25,557,032"), r.out());
        Result j = run("models", "--json");
        assertTrue(j.out().trim().startsWith("[{\"model\":\"resnet18\""), j.out());
    }

    @Test
    void summaryJsonHasTheReferenceCounts() {
        Result r = run("summary", "resnet18", "--json");
        assertEquals(0, r.code(), r.err());
        String json = r.out();
        assertTrue(json.contains("\"model\":\"resnet18\""), json);
        assertTrue(json.contains("\"trainable_parameters\":11689512"), json);
        assertTrue(json.contains("\"total_parameters\":11699112"), json);
        assertTrue(json.contains("\"macs\":1814073344"), json);
        assertTrue(json.contains("\"output_shape\":[1,1000]"), json);
    }

    /** Every family builds headless from the CLI: the output is the pooled features. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "resnet18,512",
        "googlenet,1024",
        "fid_inception_v3,2048",
        "densenet121,1024",
        "dpn68,832",
        "vgg11,4096",
        "lenet5,84"
    })
    void summaryHeadless(String model, int features) {
        Result r = run("summary", model, "--num-classes", "0", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"output_shape\":[1," + features + "]"), r.out());
        Result bad = run("summary", model, "--num-classes", "-1");
        assertTrue(bad.code() != 0, bad.err());
        assertTrue(bad.err().contains("--num-classes must be >= 0"), bad.err());
    }

    @Test
    void modelsJsonHasTheReferenceMetadata() {
        String j = run("models", "--json").out();
        assertTrue(j.contains("\"model\":\"fid_inception_v3\",\"family\":\"Inception\""), j);
        assertTrue(j.contains("\"num_classes\":1008"), j);
        assertTrue(j.contains("\"first_conv\":\"conv1\",\"classifier\":\"fc\""), j);
        assertTrue(j.contains("\"interpolation\":\"bicubic\""), j);
        // a greyscale network: one mean, one std, a 1-channel input
        assertTrue(j.contains("\"mean\":[0.130700],\"std\":[0.308100]"), j);
    }

    @Test
    void summaryTableWithCustomShape() {
        Result r =
                run(
                        "summary",
                        "resnet50",
                        "--input-shape",
                        "2,3,64,64",
                        "--depth",
                        "1",
                        "--num-classes",
                        "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(2, 10)"), r.out());
        assertTrue(r.out().contains("layer4"), r.out());
    }

    @Test
    void unknownModelListsKnownNames() {
        Result r = run("summary", "no-such-model");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("Unknown model 'no-such-model'"), r.err());
        assertTrue(r.err().contains("resnet50"), r.err());
    }

    @Test
    void malformedInputShapeSaysWhatIsWrong() {
        Result r = run("summary", "resnet18", "--input-shape", "1,3,x,224");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("dimension 3 ('x') is not a positive integer"), r.err());
        Result r2 = run("summary", "resnet18", "--input-shape", "1,3,224");
        assertTrue(r2.err().contains("expected 4 (N,C,H,W)"), r2.err());
        Result r3 = run("summary", "resnet18", "--input-shape", "1,1,32,32");
        assertTrue(r3.code() != 0);
        assertTrue(r3.err().contains("(N, 3, H, W)"), r3.err());
    }

    /** #20: each command's summary in --help is one whole sentence (picocli shows line 1). */
    @org.junit.jupiter.api.Test
    void everyCommandSummaryIsOneSentence() {
        picocli.CommandLine cl = new picocli.CommandLine(new Main());
        java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>();
        all.add(cl);
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        for (picocli.CommandLine c : all) {
            String[] d = c.getCommandSpec().usageMessage().description();
            org.junit.jupiter.api.Assertions.assertTrue(d.length > 0, c.getCommandName());
            String first = d[0].strip();
            org.junit.jupiter.api.Assertions.assertTrue(
                    first.endsWith(".") && !first.endsWith(":") && !first.endsWith(","),
                    c.getCommandName() + ": '" + first + "'");
        }
    }

    /**
     * Every command's --help works, shows the inherited --help/--version options, and formats
     * cleanly: picocli reports a stray '%' in a description as a warning on System.err.
     */
    @Test
    void everyCommandHelpIsWhole() throws Exception {
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
        java.util.Deque<java.util.Map.Entry<java.util.List<String>, picocli.CommandLine>> todo =
                new java.util.ArrayDeque<>();
        todo.add(java.util.Map.entry(java.util.List.of(), root));
        while (!todo.isEmpty()) {
            var e = todo.poll();
            paths.add(e.getKey());
            e.getValue()
                    .getSubcommands()
                    .forEach(
                            (name, sub) -> {
                                java.util.List<String> p = new java.util.ArrayList<>(e.getKey());
                                p.add(name);
                                todo.add(java.util.Map.entry(p, sub));
                            });
        }
        assertTrue(paths.size() > 15, "commands found: " + paths);
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(stray, true, "UTF-8"));
        try {
            for (java.util.List<String> p : paths) {
                if (p.equals(java.util.List.of("help"))) {
                    continue; // picocli's own help command
                }
                java.util.List<String> args = new java.util.ArrayList<>(p);
                args.add("--help");
                Result r = run(args.toArray(String[]::new));
                assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
                assertTrue(
                        r.out().startsWith("Usage: alphatree") && r.out().contains("-V, --version"),
                        String.join(" ", args) + ": " + r.out());
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", stray.toString("UTF-8"), "picocli's warnings");
    }
}
