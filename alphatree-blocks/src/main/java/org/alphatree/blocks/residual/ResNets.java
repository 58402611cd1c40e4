package org.alphatree.blocks.residual;

import static org.alphatree.blocks.residual.ResNet.Unit.BASIC;
import static org.alphatree.blocks.residual.ResNet.Unit.BOTTLENECK;

import java.util.List;
import java.util.function.UnaryOperator;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;
import org.alphatree.blocks.registry.Preprocessing;

/**
 * The ResNet family's registry entries: torchvision's ResNet, ResNeXt and wide ResNet, and timm's
 * ResNet-D and SE variants. Counts are the references' trainable parameters at 1000 classes; MACs
 * are torchvision's published numbers where it has them, else AlphaTree's count.
 */
public final class ResNets implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public ResNets() {}

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

    /** timm's eval transform of its default weights: bicubic, crop_pct 0.875 at 224. */
    private static final Preprocessing TIMM = Preprocessing.imagenet(256, 224, "bicubic");

    /** timm's ResNet-strikes-back weights (resnetv2_50.a1h, seresnet50.a1): crop_pct 0.95. */
    private static final Preprocessing RSB = Preprocessing.imagenet(235, 224, "bicubic");

    private static final BlockConfig D = BlockConfig.defaults();
    private static final BlockConfig SE = D.withSe(1 / 16.0);
    private static final BlockConfig X32X4 = D.withGroups(32, 4);
    private static final BlockConfig X32X8 = D.withGroups(32, 8);
    private static final BlockConfig X64X4 = D.withGroups(64, 4);
    private static final BlockConfig W2 = D.withGroups(1, 128);
    private static final BlockConfig AVG_DOWN = D.withAvgDown(true);
    private static final BlockConfig SENET154 = SE.withGroups(64, 4).withSenetShortcuts(2, 3);
    private static final BlockConfig SE_X32X4 = SE.withGroups(32, 4);

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        return List.of(
                tv("resnet18", 11_689_512L, 1.814, RESNET, basic(2, 2, 2, 2)),
                tv("resnet34", 21_797_672L, 3.664, RESNET, basic(3, 4, 6, 3)),
                tv("resnet50", 25_557_032L, 4.089, RESNET, deep(D, 3, 4, 6, 3)),
                tv("resnet101", 44_549_160L, 7.801, RESNET, deep(D, 3, 4, 23, 3)),
                tv("resnet152", 60_192_808L, 11.514, RESNET, deep(D, 3, 8, 36, 3)),
                tv("resnext50_32x4d", 25_028_904L, 4.230, RESNEXT, deep(X32X4, 3, 4, 6, 3)),
                tv("resnext101_32x8d", 88_791_336L, 16.414, RESNEXT, deep(X32X8, 3, 4, 23, 3)),
                tv("resnext101_64x4d", 83_455_272L, 15.460, RESNEXT, deep(X64X4, 3, 4, 23, 3)),
                tv("wide_resnet50_2", 68_883_240L, 11.398, WIDE, deep(W2, 3, 4, 6, 3)),
                tv("wide_resnet101_2", 126_886_696L, 22.753, WIDE, deep(W2, 3, 4, 23, 3)),
                timm("resnet50d", 25_576_264L, 4.329, RESNET_D, stem(32, AVG_DOWN, 3, 4, 6, 3))
                        .setLayerNames("conv1.0", "fc")
                        .build(),
                timm("resnetv2_50", 25_549_352L, 4.089, PREACT, null)
                        .setLayerNames("stem.conv", "head.fc")
                        .optPreprocessing(Preprocessing.inception(235, 224, "bicubic"))
                        .setFactory(
                                n ->
                                        ResNetV2.builder()
                                                .setLayers(3, 4, 6, 3)
                                                .optNumClasses(n)
                                                .build())
                        .build(),
                timm("seresnet50", 28_088_024L, 4.092, SENET, deep(SE, 3, 4, 6, 3))
                        .optPreprocessing(RSB)
                        .build(),
                timm("senet154", 115_088_984L, 20.688, SENET, stem(64, SENET154, 3, 8, 36, 3))
                        .setLayerNames("conv1.0", "fc")
                        .build(),
                timm("seresnext50_32x4d", 27_559_896L, 4.233, SENET, deep(SE_X32X4, 3, 4, 6, 3))
                        .build());
    }

    /** Basic units (ResNet-18/34) in four stages of the given lengths. */
    private static UnaryOperator<ResNet.Builder> basic(int... units) {
        return r -> r.setStages(BASIC, units);
    }

    /** Bottleneck units with configuration {@code cfg} in four stages of the given lengths. */
    private static UnaryOperator<ResNet.Builder> deep(BlockConfig cfg, int... units) {
        return r -> r.setStages(BOTTLENECK, units).optConfig(cfg);
    }

    /** {@link #deep} with the deep stem of the given width (ResNet-D, SENet-154). */
    private static UnaryOperator<ResNet.Builder> stem(int width, BlockConfig cfg, int... units) {
        return r -> deep(cfg, units).apply(r).optDeepStem(width);
    }

    private static ModelInfo tv(
            String name,
            long params,
            double gmacs,
            String paper,
            UnaryOperator<ResNet.Builder> spec) {
        return entry(name, "torchvision.models.", params, gmacs, paper, spec)
                .optPreprocessing(Preprocessing.IMAGENET)
                .build();
    }

    private static ModelInfo.Builder timm(
            String name,
            long params,
            double gmacs,
            String paper,
            UnaryOperator<ResNet.Builder> spec) {
        return entry(name, "timm.models.", params, gmacs, paper, spec).optPreprocessing(TIMM);
    }

    private static ModelInfo.Builder entry(
            String name,
            String module,
            long params,
            double gmacs,
            String paper,
            UnaryOperator<ResNet.Builder> spec) {
        ModelInfo.Builder b =
                ModelInfo.builder(name, Family.RESNET)
                        .setReference(module + name)
                        .setCounts(params, gmacs)
                        .setLayerNames("conv1", "fc")
                        .setPaper(paper);
        if (spec != null) {
            b.setFactory(n -> spec.apply(ResNet.builder()).optNumClasses(n).build());
        }
        return b;
    }
}
