package org.alphatree.blocks.dense;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * DenseNet with torchvision's module names: {@code features.conv0}, {@code norm0}, {@code pool0},
 * {@code denseblock1}..{@code 4}, {@code transition1}..{@code 3}, {@code norm5}, {@code
 * classifier}.
 *
 * <p>Huang, Liu, van der Maaten &amp; Weinberger, "Densely Connected Convolutional Networks", CVPR
 * 2017.
 */
public class DenseNet extends AlphaBlock {

    private final int[] blockConfig;
    private final int growthRate;

    /**
     * Creates the network.
     *
     * @param growthRate k (32; 48 for DenseNet-161)
     * @param blockConfig layers per dense block
     * @param numInitFeatures stem channels (64; 96 for DenseNet-161)
     * @param bnSize bottleneck multiplier (4)
     * @param compression transition compression (0.5)
     * @param dropRate dropout after each layer
     * @param numClasses classes
     */
    public DenseNet(
            int growthRate,
            int[] blockConfig,
            int numInitFeatures,
            int bnSize,
            double compression,
            float dropRate,
            int numClasses) {
        if (blockConfig.length == 0 || Arrays.stream(blockConfig).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(
                    "block config must be positive: " + Arrays.toString(blockConfig));
        }
        if (!(compression > 0 && compression <= 1)) {
            throw new IllegalArgumentException("compression must be in (0, 1], got " + compression);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        this.blockConfig = blockConfig.clone();
        this.growthRate = growthRate;
        Sequential f = new Sequential();
        f.append("conv0", kaimingFanIn(Layers.conv2d(numInitFeatures, 7, 2, 3, 1, false)));
        f.append("norm0", new BatchNorm2d(numInitFeatures));
        f.append("relu0", Activation.relu());
        f.append("pool0", Pool2d.max(3, 2, 1, false));
        int c = numInitFeatures;
        for (int i = 0; i < blockConfig.length; i++) {
            f.append(
                    "denseblock" + (i + 1),
                    new DenseBlock(blockConfig[i], bnSize, growthRate, dropRate));
            c += blockConfig[i] * growthRate;
            if (i != blockConfig.length - 1) {
                c = (int) (c * compression);
                f.append("transition" + (i + 1), new Transition(c));
            }
        }
        f.append("norm5", new BatchNorm2d(c));
        add("features", f);
        add("relu", Activation.relu());
        add("avgpool", new GlobalAvgPool());
        add("classifier", Layers.linear(numClasses, true));
    }

    /**
     * torchvision's initialization of DenseNet convolutions: kaiming-normal, fan-in.
     *
     * @param conv the convolution
     * @return the convolution
     */
    static Conv2d kaimingFanIn(Conv2d conv) {
        conv.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2f),
                Parameter.Type.WEIGHT);
        return conv;
    }

    /**
     * The stage outputs (timm's {@code features_only}): {@code relu0} (stride 2) and {@code
     * denseblock1}..{@code N}.
     *
     * @param ps the parameter store
     * @param x an NCHW batch
     * @param training training mode
     * @return 1 + number of dense blocks feature maps
     */
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add("relu0");
        for (int i = 1; i <= blockConfig.length; i++) {
            names.add("denseblock" + i);
        }
        return ((Sequential) child("features")).outputsOf(ps, new NDList(x), training, names);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "DenseNet(k=" + growthRate + ", " + Arrays.toString(blockConfig) + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
            throw new BlockException(
                    "", "DenseNet expects input (N, 3, H, W), got " + x.getShape(), null);
        }
        NDArray y = chain(ps, x, training, "features", "relu", "avgpool");
        return new NDList(consume("classifier", ps, flatten(y), training));
    }
}
