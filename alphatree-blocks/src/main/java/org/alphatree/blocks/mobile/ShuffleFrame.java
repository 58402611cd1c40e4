package org.alphatree.blocks.mobile;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * The frame ShuffleNet v1 and v2 share (Table 1 of both papers): {@code conv1} (3x3/2 conv of 24,
 * BN, ReLU), {@code maxpool} (3x3/2, padding 1), {@code stage2..4} of 4, 8 and 4 units (the first
 * of each with stride 2), an optional {@code conv5} (1x1, BN, ReLU), the spatial mean and {@code
 * fc}; PyTorch's default initialization, as torchvision leaves it.
 */
public abstract class ShuffleFrame extends NetworkBlock {

    private static final int[] REPEATS = {4, 8, 4};

    /** Builds one unit of a stage. */
    public interface UnitFactory {
        /**
         * Builds a unit.
         *
         * @param in input channels
         * @param out output channels
         * @param stride 2 for a stage's first unit, else 1
         * @param first whether it is the network's first unit
         * @return the unit
         */
        Block unit(int in, int out, int stride, boolean first);
    }

    /**
     * Creates the frame.
     *
     * @param numClasses classes, 0 for headless
     */
    protected ShuffleFrame(int numClasses) {
        super(numClasses, Head.linear("global_pool", "fc"));
    }

    /**
     * Registers the children and the head; call once, last, in the constructor.
     *
     * @param widths the three stages' widths
     * @param conv5 the last 1x1 conv's width, or 0 for none
     * @param units the unit factory
     */
    protected final void assemble(int[] widths, int conv5, UnitFactory units) {
        List<String> trunk = new ArrayList<>(List.of("conv1", "maxpool"));
        add("conv1", convBnRelu(24, 3, 2));
        add("maxpool", Pool2d.max(3, 2, 1, false));
        int in = 24;
        for (int s = 0; s < REPEATS.length; s++) {
            Sequential stage = new Sequential();
            for (int i = 0; i < REPEATS[s]; i++) {
                stage.add(
                        units.unit(i == 0 ? in : widths[s], widths[s], i == 0 ? 2 : 1, s + i == 0));
            }
            add("stage" + (s + 2), stage);
            trunk.add("stage" + (s + 2));
            in = widths[s];
        }
        List<String> taps = new ArrayList<>(List.of("conv1", "maxpool", "stage2", "stage3"));
        if (conv5 > 0) {
            add("conv5", convBnRelu(conv5, 1, 1));
            trunk.add("conv5");
            in = conv5;
        }
        taps.add(trunk.get(trunk.size() - 1));
        add("global_pool", new GlobalAvgPool());
        layout(trunk, taps, in);
        addClassifier();
        Layers.init(this, Layers.Init.TORCH_DEFAULT);
    }

    private static Sequential convBnRelu(int out, int kernel, int stride) {
        return new Sequential()
                .add(Layers.conv2d(out, kernel, stride, kernel / 2, 1, false))
                .add(new BatchNorm2d(out))
                .add(Activation.reluBlock());
    }

    /** {@inheritDoc} */
    @Override
    protected Block newClassifier() {
        return Layers.init(super.newClassifier(), Layers.Init.TORCH_DEFAULT);
    }
}
