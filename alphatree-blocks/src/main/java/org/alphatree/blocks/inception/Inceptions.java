package org.alphatree.blocks.inception;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alphatree.blocks.registry.ModelInfo;

/** The Inception family's registry entries. */
public final class Inceptions {
    private Inceptions() {}

    private static final String V1 =
            "Szegedy et al., \"Going Deeper with Convolutions\", CVPR 2015";
    private static final String V3 =
            "Szegedy, Vanhoucke, Ioffe, Shlens & Wojna, \"Rethinking the Inception Architecture for Computer Vision\", CVPR 2016";
    private static final String V4 =
            "Szegedy, Ioffe, Vanhoucke & Alemi, \"Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning\", AAAI 2017";
    private static final String FID =
            "Heusel et al., \"GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium\", NeurIPS 2017 (FID); "
                    + V3;

    /**
     * Returns the family's registry entries.
     *
     * @return the entries
     */
    public static List<ModelInfo> all() {
        return List.of(
                new ModelInfo(
                        "googlenet",
                        "Inception",
                        "torchvision.models.googlenet",
                        13_004_888L,
                        1.498,
                        new Shape(1, 3, 224, 224),
                        GoogLeNet.MIN_SIZE,
                        V1,
                        n -> new GoogLeNet(n, true, false, false)),
                new ModelInfo(
                        "inception_v3",
                        "Inception",
                        "torchvision.models.inception_v3",
                        27_161_264L,
                        5.713,
                        new Shape(1, 3, 299, 299),
                        InceptionV3.MIN_SIZE,
                        V3,
                        n -> new InceptionV3(n, true, false)),
                new ModelInfo(
                        "inception_v4",
                        "Inception",
                        "timm.models.inception_v4",
                        42_679_816L,
                        12.254,
                        new Shape(1, 3, 299, 299),
                        InceptionV4.MIN_SIZE,
                        V4,
                        InceptionV4::new),
                new ModelInfo(
                        "inception_resnet_v2",
                        "Inception",
                        "timm.models.inception_resnet_v2",
                        55_843_464L,
                        13.156,
                        new Shape(1, 3, 299, 299),
                        InceptionResNetV2.MIN_SIZE,
                        V4,
                        InceptionResNetV2::new),
                new ModelInfo(
                        "fid_inception_v3",
                        "Inception",
                        "pytorch_fid.inception.fid_inception_v3",
                        23_850_960L,
                        5.713,
                        new Shape(1, 3, 299, 299),
                        InceptionV3.MIN_SIZE,
                        FID,
                        n -> {
                            if (n != 1008 && n != 1000) {
                                throw new IllegalArgumentException(
                                        "fid_inception_v3 has 1008 classes");
                            }
                            return InceptionV3.fid();
                        }));
    }
}
