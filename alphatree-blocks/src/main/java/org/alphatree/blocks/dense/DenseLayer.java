package org.alphatree.blocks.dense;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.Layers;

/**
 * DenseNet's composite function (torchvision {@code _DenseLayer}): {@code BN → ReLU →
 * conv1x1(bn_size·k) → BN → ReLU → conv3x3(k)}, then dropout. Its input is the concatenation of all
 * earlier feature maps of the block: given several arrays, it concatenates them first.
 *
 * <p>Huang, Liu, van der Maaten &amp; Weinberger, "Densely Connected Convolutional Networks", CVPR
 * 2017.
 */
public class DenseLayer extends AlphaBlock {

    private final int growthRate;

    /**
     * Creates the layer.
     *
     * @param growthRate k, the channels it adds
     * @param bnSize the bottleneck multiplier (4)
     * @param dropRate dropout after the 3x3
     */
    public DenseLayer(int growthRate, int bnSize, float dropRate) {
        if (growthRate < 1 || bnSize < 1) {
            throw new IllegalArgumentException("growthRate and bnSize must be positive");
        }
        this.growthRate = growthRate;
        add("norm1", BatchNorm2d.lazy(1e-5f, 0.1f));
        add("relu1", Activation.reluBlock());
        add("conv1", DenseNet.kaimingFanIn(Layers.conv2d(bnSize * growthRate, 1, 1, 0, 1, false)));
        add("norm2", new BatchNorm2d(bnSize * growthRate));
        add("relu2", Activation.reluBlock());
        add("conv2", DenseNet.kaimingFanIn(Layers.conv2d(growthRate, 3, 1, 1, 1, false)));
        if (dropRate > 0) {
            add("dropout", new Dropout(dropRate));
        }
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "DenseLayer(+" + growthRate + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // the concatenation is this layer's own intermediate: freed right after norm1 (the
        // memory that torchvision's memory_efficient option saves by recomputing it)
        boolean concat = inputs.size() != 1;
        NDArray x = concat ? NDArrays.concat(inputs, 1) : inputs.head();
        NDArray n1 = concat ? consume("norm1", ps, x, training) : call("norm1", ps, x, training);
        // norm1's output is this layer's own: relu1 may run in place (relu2 does so in the chain)
        NDArray r1 =
                n1 == x ? call("relu1", ps, n1, training) : consumeOwned("relu1", ps, n1, training);
        NDArray y = chain(ps, r1, training, "conv1", "norm2", "relu2", "conv2");
        if (y != r1 && r1 != x) {
            r1.close();
        }
        if (hasChild("dropout")) {
            y = consume("dropout", ps, y, training);
        }
        return new NDList(y);
    }
}
