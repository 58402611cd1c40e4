package org.alphatree.blocks.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.gan.biggan.BigGan;
import org.alphatree.blocks.gan.conditional.Acgan;
import org.alphatree.blocks.gan.conditional.Cgan;
import org.alphatree.blocks.gan.conditional.InfoGan;
import org.alphatree.blocks.gan.progan.ProGan;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;
import org.junit.jupiter.api.Test;

/** Every registered GAN network and small twins of each family keep the GAN contract. */
class GanNetworkContractTest {

    @Test
    void registeredEntriesAreReadFromTheContract() {
        for (GanModels.Entry e : GanModels.all()) {
            Block b = e.build();
            assertTrue(b instanceof GanNetwork, e.name());
            GanNetwork g = (GanNetwork) b;
            assertEquals(e.role(), g.role(), e.name());
            assertEquals(e.inputShapes(), g.inputShapes(1), e.name());
            assertEquals(e.name().contains("generator"), g.role() == GanNetwork.Role.GENERATOR);
        }
        GanNetwork big = (GanNetwork) GanModels.find("biggan_generator_128").orElseThrow().build();
        assertEquals(List.of(new Shape(4, 120), new Shape(4)), big.inputShapes(4));
        assertEquals(new Shape(3, 128, 128), big.imageShape());
        assertEquals(1000, big.numClasses());
    }

    /**
     * The conditional networks: CGAN's take labels; ACGAN's discriminator and InfoGAN's networks
     * take none (the class is predicted, or read from InfoGAN's concatenated latent).
     */
    @Test
    void conditionalNetworksStateWhetherTheyTakeLabels() {
        GanNetwork cganD = (GanNetwork) Cgan.discriminator(Cgan.Spec.reference(4, 1, 8));
        assertEquals(List.of(new Shape(3, 1, 8, 8), new Shape(3)), cganD.inputShapes(3));
        GanNetwork cganG = (GanNetwork) Cgan.generator(Cgan.Spec.reference(4, 1, 8));
        assertEquals(List.of(new Shape(3, 100), new Shape(3)), cganG.inputShapes(3));
        GanNetwork acganG = (GanNetwork) Acgan.generator(Acgan.Spec.reference(4, 3, 16));
        assertEquals(4, acganG.numClasses());
        assertEquals(new Shape(3, 16, 16), acganG.imageShape());
        GanNetwork acganD = (GanNetwork) Acgan.discriminator(Acgan.Spec.reference(4, 3, 16));
        assertEquals(List.of(new Shape(2, 3, 16, 16)), acganD.inputShapes(2));
        GanNetwork infoG = (GanNetwork) InfoGan.generator(InfoGan.Spec.reference(1, 16));
        assertEquals(List.of(new Shape(2, 62 + 10 + 2)), infoG.inputShapes(2));
    }

    @Test
    void generatorsMakeTheirImageShapeAndDiscriminatorsScoreIt() {
        List<Block> nets =
                List.of(
                        DCGAN.generator(16, 8, 3, 16),
                        DCGAN.discriminator(8, 3, 16),
                        ProGan.generator(new ProGan.Spec(16, 3, 0, 64, 16, 16, false, 2)),
                        ProGan.discriminator(new ProGan.Spec(16, 3, 0, 64, 16, 16, false, 2)),
                        StyleGan2.generator(StyleGan2.Spec.tiny(16)),
                        StyleGan2.discriminator(StyleGan2.Spec.tiny(16)),
                        BigGan.generator(BigGan.Spec.tiny(5)),
                        BigGan.discriminator(BigGan.Spec.tiny(5)),
                        Cgan.generator(Cgan.Spec.reference(4, 1, 8)),
                        Cgan.discriminator(Cgan.Spec.reference(4, 1, 8)),
                        Acgan.generator(Acgan.Spec.reference(4, 3, 16)),
                        Acgan.discriminator(Acgan.Spec.reference(4, 3, 16)),
                        InfoGan.generator(InfoGan.Spec.reference(1, 16)),
                        InfoGan.discriminator(InfoGan.Spec.reference(1, 16)));
        try (NDManager m = NDManager.newBaseManager()) {
            for (Block b : nets) {
                GanNetwork g = (GanNetwork) b;
                List<Shape> in = g.inputShapes(2);
                b.initialize(m, DataType.FLOAT32, in.toArray(new Shape[0]));
                NDList x = new NDList();
                for (Shape s : in) {
                    x.add(
                            s.dimension() == 1
                                    ? m.create(new long[] {0, 1 % Math.max(1, g.numClasses())})
                                    : m.randomNormal(s));
                }
                NDArray y = b.forward(new ParameterStore(m, false), x, false).head();
                String what = b.getClass().getName();
                if (g.role() == GanNetwork.Role.GENERATOR) {
                    assertEquals(new Shape(2).addAll(g.imageShape()), y.getShape(), what);
                } else {
                    assertEquals(2, y.getShape().get(0), what);
                    assertTrue(y.getShape().size() == 2, what + " " + y.getShape());
                }
            }
        }
    }
}
