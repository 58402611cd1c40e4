package org.alphatree.blocks.residual;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.residual.ResNet.Unit;

/**
 * The ResNet family's registry entries: torchvision's ResNet, ResNeXt and wide ResNet, and timm's
 * ResNet-D and SE variants. Counts are the references' trainable parameters at 1000 classes; MACs
 * are torchvision's published numbers where it has them, else AlphaTree's count.
 */
public final class ResNets {
    private ResNets() {}

    private static final String RESNET =
            "He, Zhang, Ren & Sun, \"Deep Residual Learning for Image Recognition\", CVPR 2016";
    private static final String RESNEXT =
            "Xie, Girshick, Dollár, Tu & He, \"Aggregated Residual Transformations for Deep"
                    + " Neural Networks\", CVPR 2017";
    private static final String WIDE =
            "Zagoruyko & Komodakis, \"Wide Residual Networks\", BMVC 2016";
    private static final String RESNET_D =
            "He, Zhang, Zhang, Zhang, Xie & Li, \"Bag of Tricks for Image Classification with"
                    + " Convolutional Neural Networks\", CVPR 2019";
    private static final String PREACT =
            "He, Zhang, Ren & Sun, \"Identity Mappings in Deep Residual Networks\", ECCV 2016";
    private static final String SENET =
            "Hu, Shen & Sun, \"Squeeze-and-Excitation Networks\", CVPR 2018";

    private static final Shape IN224 = new Shape(1, 3, 224, 224);

    /**
     * Returns the family's registry entries.
     *
     * @return the entries
     */
    public static List<ModelInfo> all() {
        BlockConfig d = BlockConfig.defaults();
        return List.of(
                tv("resnet18", 11_689_512L, 1.814, RESNET, Unit.BASIC, d, 2, 2, 2, 2),
                tv("resnet34", 21_797_672L, 3.664, RESNET, Unit.BASIC, d, 3, 4, 6, 3),
                tv("resnet50", 25_557_032L, 4.089, RESNET, Unit.BOTTLENECK, d, 3, 4, 6, 3),
                tv("resnet101", 44_549_160L, 7.801, RESNET, Unit.BOTTLENECK, d, 3, 4, 23, 3),
                tv("resnet152", 60_192_808L, 11.514, RESNET, Unit.BOTTLENECK, d, 3, 8, 36, 3),
                tv(
                        "resnext50_32x4d",
                        25_028_904L,
                        4.230,
                        RESNEXT,
                        Unit.BOTTLENECK,
                        d.withGroups(32, 4),
                        3,
                        4,
                        6,
                        3),
                tv(
                        "resnext101_32x8d",
                        88_791_336L,
                        16.414,
                        RESNEXT,
                        Unit.BOTTLENECK,
                        d.withGroups(32, 8),
                        3,
                        4,
                        23,
                        3),
                tv(
                        "resnext101_64x4d",
                        83_455_272L,
                        15.460,
                        RESNEXT,
                        Unit.BOTTLENECK,
                        d.withGroups(64, 4),
                        3,
                        4,
                        23,
                        3),
                tv(
                        "wide_resnet50_2",
                        68_883_240L,
                        11.398,
                        WIDE,
                        Unit.BOTTLENECK,
                        d.withGroups(1, 128),
                        3,
                        4,
                        6,
                        3),
                tv(
                        "wide_resnet101_2",
                        126_886_696L,
                        22.753,
                        WIDE,
                        Unit.BOTTLENECK,
                        d.withGroups(1, 128),
                        3,
                        4,
                        23,
                        3),
                new ModelInfo(
                        "resnet50d",
                        "ResNet",
                        "timm.models.resnet50d",
                        25_576_264L,
                        4.329,
                        IN224,
                        1,
                        RESNET_D,
                        n ->
                                ResNet.builder()
                                        .setStages(Unit.BOTTLENECK, 3, 4, 6, 3)
                                        .optConfig(d.withAvgDown(true))
                                        .optDeepStem(32)
                                        .optNumClasses(n)
                                        .build()),
                new ModelInfo(
                        "resnetv2_50",
                        "ResNet",
                        "timm.models.resnetv2_50",
                        25_549_352L,
                        4.089,
                        IN224,
                        1,
                        PREACT,
                        n -> new ResNetV2(new int[] {3, 4, 6, 3}, n, 0f)),
                timmSe("seresnet50", 28_088_024L, 4.092, d.withSe(1 / 16.0)),
                new ModelInfo(
                        "senet154",
                        "ResNet",
                        "timm.models.senet154",
                        115_088_984L,
                        20.688,
                        IN224,
                        1,
                        SENET,
                        n ->
                                ResNet.builder()
                                        .setStages(Unit.BOTTLENECK, 3, 8, 36, 3)
                                        .optConfig(
                                                d.withGroups(64, 4)
                                                        .withSe(1 / 16.0)
                                                        .withSenetShortcuts(2, 3))
                                        .optDeepStem(64)
                                        .optNumClasses(n)
                                        .build()),
                timmSe(
                        "seresnext50_32x4d",
                        27_559_896L,
                        4.233,
                        d.withGroups(32, 4).withSe(1 / 16.0)));
    }

    private static ModelInfo tv(
            String name,
            long params,
            double gmacs,
            String paper,
            Unit unit,
            BlockConfig cfg,
            int... layers) {
        return new ModelInfo(
                name,
                "ResNet",
                "torchvision.models." + name,
                params,
                gmacs,
                IN224,
                1,
                paper,
                n ->
                        ResNet.builder()
                                .setStages(unit, layers)
                                .optConfig(cfg)
                                .optNumClasses(n)
                                .build());
    }

    private static ModelInfo timmSe(String name, long params, double gmacs, BlockConfig cfg) {
        return new ModelInfo(
                name,
                "ResNet",
                "timm.models." + name,
                params,
                gmacs,
                IN224,
                1,
                SENET,
                n ->
                        ResNet.builder()
                                .setStages(Unit.BOTTLENECK, 3, 4, 6, 3)
                                .optConfig(cfg)
                                .optNumClasses(n)
                                .build());
    }
}
