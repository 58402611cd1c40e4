package org.alphatree.blocks.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionA;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.residual.BlockConfig;
import org.alphatree.blocks.residual.Bottleneck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DiagramTest {

    @TempDir Path tmp;

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(Document d, String kind) {
        NodeList g = d.getElementsByTagName("g");
        int n = 0;
        for (int i = 0; i < g.getLength(); i++) {
            if (kind.equals(((Element) g.item(i)).getAttribute("data-kind"))) {
                n++;
            }
        }
        return n;
    }

    static int edges(Document d) {
        return d.getElementsByTagName("path").getLength();
    }

    /** InceptionA reads like the paper's figure: 4 branches, 7 convs, one pool, one concat. */
    @Test
    void inceptionModuleHasFourBranchesBetweenSplitAndConcat() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Diagram d =
                    Diagram.of("InceptionA", new InceptionA(32), 1, m, new Shape(1, 192, 35, 35));
            Document svg = parse(d.toSvg());
            assertEquals(7, count(svg, "conv"));
            assertEquals(1, count(svg, "pool"));
            assertEquals(1, count(svg, "concat"));
            assertEquals(1, count(svg, "split"));
            // input→split, split→4 branch heads, 4 edges inside chains, 4 branch tails→concat
            assertEquals(13, edges(svg));
            String dot = d.toDot();
            assertTrue(dot.startsWith("digraph"));
            assertEquals(13, dot.lines().filter(l -> l.contains("->")).count());
            assertEquals(
                    count(svg, "conv") + 1 + 1 + 1 + 1,
                    dot.lines().filter(l -> l.matches("\\s+n\\d+ \\[.*")).count());
        }
    }

    /** A projection shortcut is drawn as a bypass into an add node. */
    @Test
    void residualUnitHasABypassIntoAnAdd() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Diagram d =
                    Diagram.of(
                            "Bottleneck",
                            new Bottleneck(16, 2, true, BlockConfig.defaults()),
                            1,
                            m,
                            new Shape(1, 32, 9, 9));
            Document svg = parse(d.toSvg());
            assertEquals(1, count(svg, "add"));
            assertEquals(1, count(svg, "block"), "the collapsed downsample");
            int shortcuts = 0;
            NodeList paths = svg.getElementsByTagName("path");
            for (int i = 0; i < paths.getLength(); i++) {
                if (((Element) paths.item(i)).getAttribute("class").contains("shortcut")) {
                    shortcuts++;
                }
            }
            assertEquals(1, shortcuts, "downsample → add");
        }
    }

    static Stream<String> names() {
        return ModelRegistry.all().stream().map(ModelInfo::name);
    }

    /** Every registered network renders at depths 1 to 3. */
    @ParameterizedTest
    @MethodSource("names")
    void everyNetworkRendersAtDepthsOneToThree(String name) throws Exception {
        ModelInfo info = ModelRegistry.get(name);
        int s = Math.max(64, info.minInputSize());
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = info.build();
            for (int depth = 1; depth <= 3; depth++) {
                Diagram d =
                        Diagram.of(
                                name,
                                net,
                                depth,
                                m,
                                new Shape(1, info.defaultInputShape().get(1), s, s));
                Document svg = parse(d.toSvg());
                assertTrue(edges(svg) > 0);
                assertTrue(d.toDot().contains("->"));
            }
        }
    }

    /** If Graphviz is installed, the DOT renders; otherwise this check is skipped. */
    @Test
    void dotRendersWithGraphvizWhenPresent() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/dot").canExecute(), "Graphviz not installed");
        try (NDManager m = NDManager.newBaseManager()) {
            Path f = tmp.resolve("a.dot");
            Files.writeString(
                    f,
                    Diagram.of("InceptionA", new InceptionA(32), 2, m, new Shape(1, 192, 35, 35))
                            .toDot());
            Process p =
                    new ProcessBuilder(
                                    "/usr/bin/dot",
                                    "-Tsvg",
                                    f.toString(),
                                    "-o",
                                    tmp.resolve("a.svg").toString())
                            .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
    }

    /**
     * The visual check: headless Chromium renders the InceptionA diagram to a PNG of the SVG's size
     * with drawn (non-white) pixels; skipped where Chromium is not installed.
     */
    @Test
    void chromiumRendersTheDiagram() throws Exception {
        Assumptions.assumeTrue(
                new File("/usr/bin/chromium").canExecute(), "chromium not installed");
        try (NDManager m = NDManager.newBaseManager()) {
            Path svg = tmp.resolve("a.svg");
            Files.writeString(
                    svg,
                    Diagram.of("InceptionA", new InceptionA(32), 1, m, new Shape(1, 192, 35, 35))
                            .toSvg());
            Path png = tmp.resolve("a.png");
            Process p =
                    new ProcessBuilder(
                                    "bash",
                                    Path.of("../tools/render_svg.sh").toAbsolutePath().toString(),
                                    svg.toString(),
                                    png.toString())
                            .redirectErrorStream(true)
                            .start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertTrue(
                    img.getWidth() > 400 && img.getHeight() > 200,
                    img.getWidth() + "x" + img.getHeight());
            int dark = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    if ((img.getRGB(x, y) & 0xff) < 128) {
                        dark++;
                    }
                }
            }
            assertTrue(dark > 100, "the rendering is empty");
        }
    }
}
