package org.alphatree.cli;

import static org.alphatree.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GAN networks with published sizes work in {@code summary} and {@code diagram}. */
class GanModelsCliTest {

    @TempDir Path tmp;

    @ParameterizedTest
    @CsvSource({
        "dcgan_generator_64,3576704,'[1,3,64,64]'",
        "dcgan_discriminator_64,2765568,'[1]'",
        "progan_generator_1024,23079115,'[1,3,1024,1024]'",
        "stylegan2_generator_1024,30370060,'[1,3,1024,1024]'",
        "stylegan2_discriminator_1024,29012513,'[1,1]'",
        "biggan_generator_128,70433988,'[1,3,128,128]'",
        "biggan_discriminator_128,87982370,'[1,1]'"
    })
    void summaryCountsEqualTheReferences(String name, long params, String shape) {
        MainTest.Result r = run("summary", name, "--json", "--depth", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"trainable_parameters\":" + params), r.out());
        assertTrue(r.out().contains("\"output_shape\":" + shape), r.out());
    }

    @Test
    void theDiscriminatorAt1024CountsAsTheTfCode() {
        // a 1024-px trace of the discriminator: its count is the TF code's (23,087,249)
        MainTest.Result r = run("summary", "progan_discriminator_1024", "--json", "--depth", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"trainable_parameters\":23087249"), r.out());
        assertTrue(r.out().contains("\"output_shape\":[1,1]"), r.out());
    }

    @Test
    void diagramsDrawGanNetworksAndTheirBlocks() throws Exception {
        Path svg = tmp.resolve("g.svg");
        MainTest.Result r =
                run("diagram", "progan_generator_1024", "--depth", "1", "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(svg).contains("<svg"));
        Path block = tmp.resolve("b.svg");
        r = run("diagram", "dcgan_generator_64:main", "-o", block.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(block).contains("ConvTranspose2d"), Files.readString(block));
        // the two pictures: StyleGAN2's mapping network -> synthesis blocks, a BigGAN
        // G block (a network of two inputs: latents and labels)
        Path sg = tmp.resolve("sg.svg");
        r = run("diagram", "stylegan2_generator_1024", "--depth", "2", "-o", sg.toString());
        assertEquals(0, r.code(), r.err());
        String sgSvg = Files.readString(sg);
        assertTrue(
                sgSvg.contains("FullyConnected(512, lrelu)")
                        && sgSvg.contains("SynthesisBlock(4x4"),
                sgSvg);
        Path gb = tmp.resolve("gb.svg");
        r = run("diagram", "biggan_generator_128:blocks.0.0", "--depth", "1", "-o", gb.toString());
        assertEquals(0, r.code(), r.err());
        String gbSvg = Files.readString(gb);
        assertTrue(gbSvg.contains("ccbn") && gbSvg.contains("SNConv2d"), gbSvg);
    }

    @Test
    void numClassesDoesNotApplyAndUnknownNamesListBoth() {
        MainTest.Result r = run("summary", "dcgan_generator_64", "--num-classes", "10");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--num-classes does not apply"), r.err());
        r = run("summary", "stylegan9");
        assertNotEquals(0, r.code());
        assertTrue(
                r.err().contains("resnet50") && r.err().contains("progan_generator_1024"), r.err());
    }
}
