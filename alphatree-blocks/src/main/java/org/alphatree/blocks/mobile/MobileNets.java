package org.alphatree.blocks.mobile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;
import org.alphatree.blocks.registry.Preprocessing;

/**
 * The light registry entries: torchvision's {@code squeezenet1_0/1_1}, {@code mobilenet_v2}, {@code
 * mobilenet_v3_large/small}, {@code mnasnet0_5..1_3} and {@code shufflenet_v2_x0_5..x2_0}. Counts
 * and MACs (convolutions and linear layers, at 224) were computed from torchvision with PyTorch;
 * they equal torchvision's published {@code num_params} and {@code _ops}.
 */
public final class MobileNets implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public MobileNets() {}

    private static final String SQUEEZENET =
            "Iandola et al., \"SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and"
                    + " <0.5MB model size\", arXiv:1602.07360, 2016";
    private static final String V2 =
            "Sandler et al., \"MobileNetV2: Inverted Residuals and Linear Bottlenecks\", CVPR 2018";
    private static final String V3 = "Howard et al., \"Searching for MobileNetV3\", ICCV 2019";
    private static final String MNAS =
            "Tan et al., \"MnasNet: Platform-Aware Neural Architecture Search for Mobile\", CVPR"
                    + " 2019";
    private static final String SHUFFLE =
            "Ma, Zhang, Zheng & Sun, \"ShuffleNet V2: Practical Guidelines for Efficient CNN"
                    + " Architecture Design\", ECCV 2018";

    private static final String V1 =
            "Howard et al., \"MobileNets: Efficient Convolutional Neural Networks for Mobile"
                    + " Vision Applications\", arXiv:1704.04861, 2017";
    private static final String XCEPTION =
            "Chollet, \"Xception: Deep Learning with Depthwise Separable Convolutions\", CVPR 2017";
    private static final String SHUFFLE_V1 =
            "Zhang, Zhou, Lin & Sun, \"ShuffleNet: An Extremely Efficient Convolutional Neural"
                    + " Network for Mobile Devices\", CVPR 2018";

    private static final int[] V1_GROUPS = {1, 2, 3, 4, 8};
    private static final long[] V1_PARAMS = {
        1_531_936L, 1_733_848L, 1_865_728L, 1_968_344L, 2_434_768L
    };
    private static final double[] V1_GMACS = {0.143079, 0.140837, 0.137461, 0.134340, 0.138366};

    private static final String[] MNAS_NAMES = {"0_5", "0_75", "1_0", "1_3"};
    private static final float[] MNAS_ALPHAS = {0.5f, 0.75f, 1f, 1.3f};
    private static final long[] MNAS_PARAMS = {2_218_512L, 3_170_208L, 4_383_312L, 6_282_256L};
    private static final double[] MNAS_GMACS = {0.104456, 0.215493, 0.314416, 0.526362};
    private static final long[] SHUFFLE_PARAMS = {1_366_792L, 2_278_604L, 3_503_624L, 7_393_996L};
    private static final double[] SHUFFLE_GMACS = {0.040476, 0.144908, 0.295759, 0.583253};

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> all = new ArrayList<>();
        all.add(
                entry(
                                "squeezenet1_0",
                                1_248_424L,
                                0.818925,
                                SQUEEZENET,
                                "features.0",
                                "classifier.1")
                        .optMinInputSize(21)
                        .setFactory(n -> squeezenet(SqueezeNet.Version.V1_0, n))
                        .build());
        all.add(
                entry(
                                "squeezenet1_1",
                                1_235_496L,
                                0.349152,
                                SQUEEZENET,
                                "features.0",
                                "classifier.1")
                        .optMinInputSize(17)
                        .setFactory(n -> squeezenet(SqueezeNet.Version.V1_1, n))
                        .build());
        all.add(
                entry("mobilenet_v2", 3_504_872L, 0.300774, V2, "features.0.0", "classifier.1")
                        .setFactory(n -> MobileNetV2.builder().optNumClasses(n).build())
                        .build());
        all.add(v3("mobilenet_v3_large", 5_483_032L, 0.216590, MobileNetV3.Size.LARGE));
        all.add(v3("mobilenet_v3_small", 2_542_856L, 0.056510, MobileNetV3.Size.SMALL));
        for (int i = 0; i < MNAS_NAMES.length; i++) {
            float alpha = MNAS_ALPHAS[i];
            all.add(
                    entry(
                                    "mnasnet" + MNAS_NAMES[i],
                                    MNAS_PARAMS[i],
                                    MNAS_GMACS[i],
                                    MNAS,
                                    "layers.0",
                                    "classifier.1")
                            .setFactory(
                                    n -> MnasNet.builder().setAlpha(alpha).optNumClasses(n).build())
                            .build());
        }
        ShuffleNetV2.Width[] widths = ShuffleNetV2.Width.values();
        for (int i = 0; i < widths.length; i++) {
            ShuffleNetV2.Width w = widths[i];
            String name = "shufflenet_v2_" + w.name().toLowerCase(java.util.Locale.ROOT);
            IntFunction<ShuffleNetV2> f =
                    n -> ShuffleNetV2.builder().setWidth(w).optNumClasses(n).build();
            all.add(
                    entry(name, SHUFFLE_PARAMS[i], SHUFFLE_GMACS[i], SHUFFLE, "conv1.0", "fc")
                            .setFactory(f)
                            .build());
        }
        all.add(
                entry("mobilenetv1_100", 4_231_976L, 0.568740, V1, "conv_stem", "classifier")
                        .setReference("timm.mobilenetv1_100")
                        .optPreprocessing(Preprocessing.inception(256, 224, "bicubic"))
                        .setFactory(n -> MobileNetV1.builder().optNumClasses(n).build())
                        .build());
        for (int i = 0; i < V1_GROUPS.length; i++) {
            int g = V1_GROUPS[i];
            String name = "shufflenet_v1_g" + g;
            all.add(
                    entry(name, V1_PARAMS[i], V1_GMACS[i], SHUFFLE_V1, "conv1.0", "fc")
                            .setReference("tools/fixtures/mobile.py:" + name)
                            .setFactory(
                                    n ->
                                            ShuffleNetV1.builder()
                                                    .setGroups(g)
                                                    .optNumClasses(n)
                                                    .build())
                            .build());
        }
        all.add(
                entry("legacy_xception", 22_855_952L, 8.357403, XCEPTION, "conv1", "fc")
                        .setReference("timm.legacy_xception")
                        .optMinInputSize(7)
                        .optPreprocessing(Preprocessing.inception(333, 299, "bicubic"))
                        .setFactory(n -> Xception.builder().optNumClasses(n).build())
                        .build());
        return all;
    }

    private static SqueezeNet squeezenet(SqueezeNet.Version v, int numClasses) {
        return SqueezeNet.builder().setVersion(v).optNumClasses(numClasses).build();
    }

    private static ModelInfo v3(String name, long params, double gmacs, MobileNetV3.Size size) {
        return entry(name, params, gmacs, V3, "features.0.0", "classifier.3")
                .setFactory(n -> MobileNetV3.builder().setSize(size).optNumClasses(n).build())
                .build();
    }

    private static ModelInfo.Builder entry(
            String name, long params, double gmacs, String paper, String first, String classifier) {
        return ModelInfo.builder(name, Family.MOBILE)
                .setReference("torchvision.models." + name)
                .setCounts(params, gmacs)
                .optMinInputSize(1)
                .setLayerNames(first, classifier)
                .setPaper(paper);
    }
}
