package org.alphatree.blocks.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Pool2d;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;

/** The worked example of docs/architecture.md: a family written only from the vocabulary. */
class ArchitectureExampleTest {

    // --- docs/architecture.md example begins ---
    /** A tiny VGG-style family: stages of 3x3 conv-BN-ReLU and a 2x2 max pool, a linear head. */
    public static final class TinyVgg extends NetworkBlock {
        private TinyVgg(Builder b) {
            super(b.getNumClasses(), Head.linear("avgpool", "fc"));
            List<String> stages = new ArrayList<>();
            for (int w : b.widths) {
                String name = "stage" + (stages.size() + 1);
                add(
                        name,
                        new Sequential()
                                .add(
                                        ConvNormAct.builder()
                                                .setFilters(w)
                                                .setKernel(3)
                                                .optSamePadding()
                                                .build())
                                .add(Pool2d.max(2, 2, 0, false)));
                stages.add(name);
            }
            // the trunk, the stage outputs features() returns, the last stage's width
            layout(stages, stages, b.widths[b.widths.length - 1]);
            add("avgpool", new GlobalAvgPool());
            addClassifier(); // "fc", unless numClasses is 0
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder extends NetworkBuilder<Builder> {
            private int[] widths;

            public Builder setWidths(int... widths) {
                this.widths = widths.clone();
                return this;
            }

            public TinyVgg build() {
                validate();
                if (widths == null || widths.length == 0) {
                    throw new IllegalArgumentException("TinyVgg: you must specify the widths");
                }
                return new TinyVgg(this);
            }
        }
    }

    // --- docs/architecture.md example ends ---

    @Test
    void theExampleFamilyHasTheWholeContract() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyVgg net = TinyVgg.builder().setWidths(16, 32, 64).optNumClasses(10).build();
            Shape in = new Shape(2, 3, 32, 32);
            net.initialize(m, DataType.FLOAT32, in);
            ParameterStore ps = new ParameterStore(m, false);
            NDList f = net.features(ps, m.ones(in), false);
            assertEquals(List.of("stage1", "stage2", "stage3"), net.featureNames());
            assertEquals(new Shape(2, 64, 4, 4), f.get(2).getShape());
            assertEquals(new Shape(2, 10), net.getOutputShapes(new Shape[] {in})[0]);
            assertTrue(NamedParameters.of(net).containsKey("stage1.0.conv.weight"));
            assertTrue(NamedParameters.of(net).containsKey("stage1.0.bn.running_var"));
            net.resetClassifier(0);
            assertEquals(
                    new Shape(2, 64),
                    net.forward(ps, new NDList(m.ones(in)), false).head().getShape());
            BlockSummary s =
                    BlockSummary.of(m, "tiny", TinyVgg.builder().setWidths(16, 32).build(), in);
            // conv 3*16*9 + BN 32, conv 16*32*9 + BN 64, fc 32*1000 + 1000
            assertEquals(432 + 32 + 4608 + 64 + 33_000, s.trainableParameters());
            assertThrows(IllegalArgumentException.class, () -> TinyVgg.builder().build());
        }
    }

    /** The page shows the code above verbatim. */
    @Test
    void docsShowThisCode() throws Exception {
        String src =
                Files.readString(
                        Path.of(
                                "src/test/java/org/alphatree/blocks/docs/ArchitectureExampleTest.java"));
        String begin = "// --- docs/architecture.md example begins ---\n";
        String code =
                src.substring(
                        src.indexOf(begin) + begin.length(),
                        src.indexOf("    // --- docs/architecture.md example ends ---"));
        String doc = Files.readString(Path.of("../docs/architecture.md"));
        assertTrue(
                doc.contains(code.stripTrailing().stripIndent().strip()),
                "docs/architecture.md shows the example");
    }
}
