package org.alphatree.blocks.residual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.BatchNormAct2d;
import org.alphatree.blocks.layers.DropPath;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Pre-activation ResNet (v2) with timm's {@code resnetv2} module names: {@code stem.conv}, {@code
 * stages.i.blocks.j}, the final {@code norm} (BN + ReLU) and a 1x1-conv classifier {@code head.fc}.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016.
 */
public class ResNetV2 extends AlphaBlock {

    private final int[] layers;
    private final int numClasses;

    /**
     * Creates the network.
     *
     * @param layers units per stage (four)
     * @param numClasses classes (0: end at the pooled features)
     * @param dropPathRate timm's {@code drop_path_rate}, linearly increasing over the units
     */
    public ResNetV2(int[] layers, int numClasses, float dropPathRate) {
        if (layers.length != 4 || Arrays.stream(layers).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(
                    "ResNetV2 needs 4 positive stage depths: " + Arrays.toString(layers));
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
        this.layers = layers.clone();
        this.numClasses = numClasses;
        add(
                "stem",
                new Sequential()
                        .append("conv", Layers.conv2d(64, 7, 2, 3, 1, false))
                        .append("pool", Pool2d.max(3, 2, 1, false)));
        float[][] dpr = DropPath.linearSchedule(dropPathRate, layers);
        Sequential stages = new Sequential();
        int in = 64;
        for (int i = 0; i < 4; i++) {
            int out = 256 << i;
            Sequential blocks = new Sequential();
            for (int j = 0; j < layers[i]; j++) {
                int stride = j == 0 && i > 0 ? 2 : 1;
                boolean project = j == 0 && (stride != 1 || in != out);
                blocks.add(new PreActBottleneck(out, stride, project, dpr[i][j]));
                in = out;
            }
            stages.add(new Sequential().append("blocks", blocks));
        }
        add("stages", stages);
        add("norm", new BatchNormAct2d(in));
        Sequential head = new Sequential().append("global_pool", new GlobalAvgPool());
        if (numClasses > 0) {
            head.append("fc", Layers.conv2d(numClasses, 1, 1, 0, 1, true));
        }
        add("head", head);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ResNetV2(" + Arrays.toString(layers) + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
            throw new BlockException(
                    "", "ResNetV2 expects input (N, 3, H, W), got " + x.getShape(), null);
        }
        NDArray y = chain(ps, x, training, "stem", "stages", "norm", "head");
        return new NDList(flatten(y));
    }
}
