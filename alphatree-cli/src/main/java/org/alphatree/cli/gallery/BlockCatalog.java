package org.alphatree.cli.gallery;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.alphatree.blocks.dense.DenseBlock;
import org.alphatree.blocks.dense.DenseLayer;
import org.alphatree.blocks.dense.Transition;
import org.alphatree.blocks.dualpath.DualPathBlock;
import org.alphatree.blocks.inception.InceptionResNetV2;
import org.alphatree.blocks.inception.InceptionV3Blocks;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.DropPath;
import org.alphatree.blocks.layers.LocalResponseNorm;
import org.alphatree.blocks.layers.SqueezeExcite;
import org.alphatree.blocks.mobile.Fire;
import org.alphatree.blocks.mobile.InvertedResidual;
import org.alphatree.blocks.mobile.MnasNet;
import org.alphatree.blocks.mobile.ShuffleUnit;
import org.alphatree.blocks.residual.BasicBlock;
import org.alphatree.blocks.residual.BlockConfig;
import org.alphatree.blocks.residual.Bottleneck;

/**
 * One representative block per family, at the shape it has inside its reference network (batch 1):
 * what benchmarks and {@code alphatree bench} measure.
 */
public final class BlockCatalog {
    private BlockCatalog() {}

    /**
     * A catalog entry.
     *
     * @param name the name, e.g. {@code bottleneck}
     * @param where where the block sits in its reference network
     * @param input the input shape at batch 1
     * @param factory builds a fresh block
     */
    public record Entry(String name, String where, Shape input, Supplier<Block> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        BlockConfig d = BlockConfig.defaults();
        put(
                "conv_bn_act",
                "a 3x3 conv-BN-ReLU at ResNet's stage 1",
                64,
                56,
                () -> ConvNormAct.builder().setFilters(64).setKernel(3).optPadding(1).build());
        put(
                "squeeze_excite",
                "seresnet50 layer1 SE",
                256,
                56,
                () -> SqueezeExcite.ofRatio(256, 1 / 16.0, 8, 0));
        put("drop_path", "stochastic depth on a stage-1 map", 256, 56, () -> new DropPath(0.1f));
        put(
                "local_response_norm",
                "alexnet_paper features.2 (after conv1's ReLU)",
                96,
                55,
                LocalResponseNorm::alexnet);
        put("basic_block", "resnet18 layer1.0", 64, 56, () -> new BasicBlock(64, 1, false, d));
        put("bottleneck", "resnet50 layer1.0", 64, 56, () -> new Bottleneck(64, 1, true, d));
        put(
                "resnext_bottleneck",
                "resnext50_32x4d layer2.0",
                256,
                56,
                () -> new Bottleneck(128, 2, true, d.withGroups(32, 4)));
        put(
                "se_bottleneck",
                "seresnext50_32x4d layer1.0",
                64,
                56,
                () -> new Bottleneck(64, 1, true, d.withGroups(32, 4).withSe(1 / 16.0)));
        put(
                "inception_a",
                "inception_v3 Mixed_5b",
                192,
                35,
                () -> new InceptionV3Blocks.InceptionA(32));
        put("inception_b", "inception_v3 Mixed_6a", 288, 35, InceptionV3Blocks.InceptionB::new);
        put(
                "inception_c",
                "inception_v3 Mixed_6b",
                768,
                17,
                () -> new InceptionV3Blocks.InceptionC(128));
        put("inception_d", "inception_v3 Mixed_7a", 768, 17, InceptionV3Blocks.InceptionD::new);
        put("inception_e", "inception_v3 Mixed_7b", 1280, 8, InceptionV3Blocks.InceptionE::new);
        put(
                "block35",
                "inception_resnet_v2 repeat.0",
                320,
                35,
                () -> new InceptionResNetV2.Block35(0.17f));
        put(
                "block17",
                "inception_resnet_v2 repeat_1.0",
                1088,
                17,
                () -> new InceptionResNetV2.Block17(0.10f));
        put(
                "block8",
                "inception_resnet_v2 repeat_2.0",
                2080,
                8,
                () -> new InceptionResNetV2.Block8(0.20f, true));
        put(
                "dense_layer",
                "densenet121 denseblock1.denselayer1",
                64,
                56,
                () -> new DenseLayer(32, 4, 0f));
        put("dense_block", "densenet121 denseblock1", 64, 56, () -> new DenseBlock(6, 4, 32, 0f));
        put("transition", "densenet121 transition1", 256, 56, () -> new Transition(128));
        put(
                "depthwise_conv",
                "mobilenet_v2 features.3 depthwise 3x3-BN-ReLU6 (memory-bound)",
                144,
                56,
                () ->
                        ConvNormAct.builder()
                                .setFilters(144)
                                .setKernel(3)
                                .optPadding(1)
                                .optGroups(144)
                                .build());
        put("fire", "squeezenet1_1 features.3", 64, 55, () -> new Fire(16, 64, 64));
        put(
                "inverted_residual",
                "mobilenet_v2 features.3",
                24,
                56,
                () -> InvertedResidual.v2(24, 24, 1, 6));
        put(
                "inverted_residual_se",
                "mobilenet_v3_large features.5 (SE, hard-sigmoid gate)",
                40,
                28,
                () -> InvertedResidual.v3(40, 5, 120, 40, true, false, 1, 1));
        put(
                "mnas_unit",
                "mnasnet1_0 layers.9.1",
                40,
                28,
                () -> InvertedResidual.mnas(40, 40, 5, 1, 3, MnasNet.BN_MOMENTUM));
        put(
                "shuffle_unit",
                "shufflenet_v2_x1_0 stage2.1",
                116,
                28,
                () -> new ShuffleUnit(116, 116, 1));
        put(
                "dual_path",
                "dpn92 conv2_1",
                64,
                56,
                () -> new DualPathBlock(96, 96, 256, 16, 32, DualPathBlock.Type.PROJ, false));
    }

    private static void put(String name, String where, int c, int hw, Supplier<Block> f) {
        ENTRIES.put(name, new Entry(name, where, new Shape(1, c, hw, hw), f));
    }

    /**
     * Returns every entry.
     *
     * @return entries by name
     */
    public static Map<String, Entry> all() {
        return java.util.Collections.unmodifiableMap(ENTRIES);
    }

    /**
     * Finds an entry.
     *
     * @param name the block name
     * @return the entry, or null
     */
    public static Entry find(String name) {
        return ENTRIES.get(name);
    }
}
