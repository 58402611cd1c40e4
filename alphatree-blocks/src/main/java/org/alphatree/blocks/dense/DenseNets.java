package org.alphatree.blocks.dense;

import java.util.List;
import java.util.function.UnaryOperator;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;

/** The DenseNet registry entries (torchvision). */
public final class DenseNets implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public DenseNets() {}

    private static final String PAPER =
            "Huang, Liu, van der Maaten & Weinberger, \"Densely Connected Convolutional Networks\", CVPR 2017";

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        return List.of(
                entry("densenet121", 7_978_856L, 2.834, d -> d.setBlockConfig(6, 12, 24, 16)),
                entry(
                        "densenet161",
                        28_681_000L,
                        7.728,
                        d ->
                                d.setBlockConfig(6, 12, 36, 24)
                                        .optGrowthRate(48)
                                        .optNumInitFeatures(96)),
                entry("densenet169", 14_149_480L, 3.360, d -> d.setBlockConfig(6, 12, 32, 32)),
                entry("densenet201", 20_013_928L, 4.291, d -> d.setBlockConfig(6, 12, 48, 32)));
    }

    private static ModelInfo entry(
            String name, long params, double gmacs, UnaryOperator<DenseNet.Builder> spec) {
        return ModelInfo.builder(name, Family.DENSENET)
                .setReference("torchvision.models." + name)
                .setCounts(params, gmacs)
                .optMinInputSize(29)
                .setLayerNames("features.conv0", "classifier")
                .setPaper(PAPER)
                .setFactory(n -> spec.apply(DenseNet.builder()).optNumClasses(n).build())
                .build();
    }
}
