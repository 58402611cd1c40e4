package org.alphatree.blocks.inception;

import java.util.List;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;
import org.alphatree.blocks.registry.Preprocessing;

/** The Inception family's registry entries. */
public final class Inceptions implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public Inceptions() {}

    private static final String V1 =
            "Szegedy et al., \"Going Deeper with Convolutions\", CVPR 2015";
    private static final String V3 =
            "Szegedy, Vanhoucke, Ioffe, Shlens & Wojna, \"Rethinking the Inception Architecture for Computer Vision\", CVPR 2016";
    private static final String V4 =
            "Szegedy, Ioffe, Vanhoucke & Alemi, \"Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning\", AAAI 2017";
    private static final String FID =
            "Heusel et al., \"GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium\", NeurIPS 2017 (FID); "
                    + V3;

    /** torchvision's builders set {@code transform_input=True} when given weights. */
    private static final String TRANSFORM_INPUT = "transform_input";

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        return List.of(
                entry("googlenet", "torchvision.models.", 13_004_888L, 1.498, V1)
                        .optMinInputSize(GoogLeNet.MIN_SIZE)
                        .setLayerNames("conv1.conv", "fc")
                        .setFactory(n -> GoogLeNet.builder().optNumClasses(n).build())
                        .optVariant(
                                TRANSFORM_INPUT,
                                n ->
                                        GoogLeNet.builder()
                                                .optNumClasses(n)
                                                .optTransformInput(true)
                                                .build())
                        .build(),
                entry("inception_v3", "torchvision.models.", 27_161_264L, 5.713, V3)
                        .optMinInputSize(InceptionV3.MIN_SIZE)
                        .optPreprocessing(Preprocessing.imagenet(342, 299, "bilinear"))
                        .setLayerNames("Conv2d_1a_3x3.conv", "fc")
                        .setFactory(n -> InceptionV3.builder().optNumClasses(n).build())
                        .optVariant(
                                TRANSFORM_INPUT,
                                n ->
                                        InceptionV3.builder()
                                                .optNumClasses(n)
                                                .optTransformInput(true)
                                                .build())
                        .build(),
                entry("inception_v4", "timm.models.", 42_679_816L, 12.254, V4)
                        .optMinInputSize(InceptionV4.MIN_SIZE)
                        .optPreprocessing(Preprocessing.inception(341, 299, "bicubic"))
                        .setLayerNames("features.0.conv", "last_linear")
                        .setFactory(n -> InceptionV4.builder().optNumClasses(n).build())
                        .build(),
                entry("inception_resnet_v2", "timm.models.", 55_843_464L, 13.156, V4)
                        .optMinInputSize(InceptionResNetV2.MIN_SIZE)
                        .optPreprocessing(Preprocessing.inception(333, 299, "bicubic"))
                        .setLayerNames("conv2d_1a.conv", "classif")
                        .setFactory(n -> InceptionResNetV2.builder().optNumClasses(n).build())
                        .build(),
                entry("fid_inception_v3", "pytorch_fid.inception.", 23_850_960L, 5.713, FID)
                        .optMinInputSize(InceptionV3.MIN_SIZE)
                        .optNumClasses(FidInceptionV3.NUM_CLASSES)
                        // pytorch-fid resizes to 299x299 (bilinear, no crop) and scales to [-1, 1]
                        .optPreprocessing(Preprocessing.inception(299, 0, "bilinear"))
                        .setLayerNames("Conv2d_1a_3x3.conv", "fc")
                        .setFactory(FidInceptionV3::new)
                        .build());
    }

    private static ModelInfo.Builder entry(
            String name, String module, long params, double gmacs, String paper) {
        return ModelInfo.builder(name, Family.INCEPTION)
                .setReference(module + name)
                .setCounts(params, gmacs)
                .setPaper(paper);
    }
}
