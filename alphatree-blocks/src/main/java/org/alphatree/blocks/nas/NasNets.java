package org.alphatree.blocks.nas;

import java.util.List;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;
import org.alphatree.blocks.registry.Preprocessing;

/**
 * The NAS-line registry entries: {@code polynet}, whose PyTorch twin ({@code
 * tools/fixtures/nas.py}) has the module names of Cadene's port. Counts and MACs were computed with
 * PyTorch (95,366,600 parameters, 34.70 GMACs at 331, as the Cadene port).
 */
public final class NasNets implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public NasNets() {}

    private static final String ZOPH =
            "Zoph, Vasudevan, Shlens & Le, \"Learning Transferable Architectures for Scalable"
                    + " Image Recognition\", CVPR 2018";

    private static NasNetA nasnet(NasNetA.Size size, int numClasses) {
        return NasNetA.builder().setSize(size).optNumClasses(numClasses).build();
    }

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        return List.of(
                ModelInfo.builder("nasnetalarge", Family.NAS)
                        .setReference("timm.nasnetalarge")
                        .setCounts(88_753_150L, 23.783415)
                        .optMinInputSize(3)
                        .optPreprocessing(Preprocessing.inception(363, 331, "bicubic"))
                        .setLayerNames("conv0.conv", "last_linear")
                        .setPaper(ZOPH)
                        .setFactory(n -> nasnet(NasNetA.Size.LARGE, n))
                        .build(),
                ModelInfo.builder("nasnetamobile", Family.NAS)
                        .setReference("tools/fixtures/nas.py:nasnetamobile")
                        .setCounts(5_289_978L, 0.563639)
                        .optMinInputSize(3)
                        .optPreprocessing(Preprocessing.inception(256, 224, "bilinear"))
                        .setLayerNames("conv0.conv", "last_linear")
                        .setPaper(ZOPH)
                        .setFactory(n -> nasnet(NasNetA.Size.MOBILE, n))
                        .build(),
                ModelInfo.builder("pnasnet5large", Family.NAS)
                        .setReference("timm.pnasnet5large")
                        .setCounts(86_057_668L, 24.937396)
                        .optMinInputSize(3)
                        .optPreprocessing(Preprocessing.inception(363, 331, "bicubic"))
                        .setLayerNames("conv_0.conv", "last_linear")
                        .setPaper(
                                "Liu, Zoph, Neumann, Shlens, Hua, Li, Fei-Fei, Yuille, Huang &"
                                        + " Murphy, \"Progressive Neural Architecture Search\","
                                        + " ECCV 2018")
                        .setFactory(n -> PnasNet5Large.builder().optNumClasses(n).build())
                        .build(),
                ModelInfo.builder("polynet", Family.NAS)
                        .setReference("tools/fixtures/nas.py:polynet")
                        .setCounts(95_366_600L, 34.699493)
                        .optMinInputSize(PolyNet.MIN_SIZE)
                        // Cadene's pretrained_settings: 331², ImageNet mean/std, scale 0.875
                        .optPreprocessing(Preprocessing.imagenet(378, 331, "bilinear"))
                        .setLayerNames("stem.conv1.0.conv", "last_linear")
                        .setPaper(
                                "Zhang, Li, Loy & Lin, \"PolyNet: A Pursuit of Structural"
                                        + " Diversity in Very Deep Networks\", CVPR 2017")
                        .setFactory(n -> PolyNet.builder().optNumClasses(n).build())
                        .build());
    }
}
