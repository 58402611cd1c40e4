package org.alphatree.blocks.dualpath;

import java.util.List;
import java.util.function.UnaryOperator;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;
import org.alphatree.blocks.registry.Preprocessing;

/** The DPN registry entries (timm). */
public final class DPNs implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public DPNs() {}

    private static final String PAPER =
            "Chen, Li, Xiao, Jin, Yan & Feng, \"Dual Path Networks\", NeurIPS 2017";

    /** timm's DPN transform: bicubic, crop_pct 0.875, the MXNet mean and scale. */
    private static final Preprocessing DPN_MXNET =
            new Preprocessing(
                    new float[] {124 / 255f, 117 / 255f, 104 / 255f},
                    new float[] {1 / (0.0167f * 255), 1 / (0.0167f * 255), 1 / (0.0167f * 255)},
                    256,
                    224,
                    "bicubic");

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        return List.of(
                entry("dpn68", 12_611_602L, 2.326, DPNs::dpn68),
                entry("dpn68b", 12_611_602L, 2.326, d -> dpn68(d).optBVariant(true)),
                entry(
                        "dpn92",
                        37_668_392L,
                        6.502,
                        d ->
                                d.setInitFeatures(64)
                                        .setWidth(96, 32)
                                        .setBlocks(3, 4, 20, 3)
                                        .setIncrements(16, 32, 24, 128)),
                entry(
                        "dpn98",
                        61_570_728L,
                        11.671,
                        d ->
                                d.setInitFeatures(96)
                                        .setWidth(160, 40)
                                        .setBlocks(3, 6, 20, 3)
                                        .setIncrements(16, 32, 32, 128)),
                entry(
                        "dpn107",
                        86_917_800L,
                        18.299,
                        d ->
                                d.setInitFeatures(128)
                                        .setWidth(200, 50)
                                        .setBlocks(4, 8, 20, 3)
                                        .setIncrements(20, 64, 64, 128)),
                entry(
                        "dpn131",
                        79_254_504L,
                        16.014,
                        d ->
                                d.setInitFeatures(128)
                                        .setWidth(160, 40)
                                        .setBlocks(4, 8, 28, 3)
                                        .setIncrements(16, 32, 32, 128)));
    }

    /** DPN-68's spec, shared by dpn68b (which differs only in its block form). */
    private static DPN.Builder dpn68(DPN.Builder d) {
        return d.optSmallStem(true)
                .setInitFeatures(10)
                .setWidth(128, 32)
                .setBlocks(3, 4, 12, 3)
                .setIncrements(16, 32, 32, 64);
    }

    private static ModelInfo entry(
            String name, long params, double gmacs, UnaryOperator<DPN.Builder> spec) {
        return ModelInfo.builder(name, Family.DPN)
                .setReference("timm.models." + name)
                .setCounts(params, gmacs)
                .optPreprocessing(DPN_MXNET)
                .setLayerNames("features.conv1_1.conv", "classifier")
                .setPaper(PAPER)
                .setFactory(n -> spec.apply(DPN.builder()).optNumClasses(n).build())
                .build();
    }
}
