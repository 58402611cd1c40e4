package org.alphatree.blocks.classic;

import java.util.List;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.AdaptiveAvgPool2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.LocalResponseNorm;
import org.alphatree.blocks.layers.Pool2d;

/**
 * ZFNet, the network of Zeiler &amp; Fergus's Fig. 3, as one tower with AlexNet's module layout
 * ({@code features.N}, {@code avgpool}, {@code classifier.N}); no reference implements it, so
 * AlphaTree defines it, with a PyTorch twin in {@code tools/fixtures/classic.py}:
 *
 * <pre>
 *   conv1 7x7/2 96, pad 1 → ReLU → max 3x3/2 (ceil) → LRN      224 → 110 → 55
 *   conv2 5x5/2 256       → ReLU → max 3x3/2 (ceil) → LRN       55 → 26 → 13
 *   conv3 3x3 384, conv4 3x3 384, conv5 3x3 256 (pad 1, ReLU) → max 3x3/2 (ceil)   13 → 6
 *   adaptive avg pool 6x6 → Dropout → fc6 4096 → ReLU → Dropout → fc7 4096 → ReLU → fc8
 * </pre>
 *
 * <p>The choices, since the paper gives only the figure: conv1's padding 1 and ceil-mode pools are
 * the only ones that produce the figure's 110 → 55 → 26 → 13 → 6 maps (padding 0 gives 109); the
 * "contrast normalization" after pool1 and pool2 is AlexNet's LRN (n = 5, α = 1e-4, β = 0.75, k =
 * 2); dropout 0.5 precedes fc6 and fc7 as in AlexNet; weights are initialized N(0, 0.01) and biases
 * 0, as §3 says. The adaptive 6x6 pool is AlphaTree's (the identity at 224): without it the fixed
 * 9,216-wide fc6 accepts only 207 to 238 px. Not replicated: the renormalization of conv filters
 * whose RMS exceeds 0.1 during training. 62,357,608 parameters, 1.168 GMACs at 224.
 *
 * <p>Stage outputs ({@link #features}): the ReLU before each max pool (strides 2, 8, 16) and the
 * last pool (stride 32, {@link #forwardFeatures}).
 *
 * <p>Zeiler &amp; Fergus, "Visualizing and Understanding Convolutional Networks", ECCV 2014
 * (arXiv:1311.2901, 2013).
 */
public class ZFNet extends ClassicNet {

    private ZFNet(DropoutBuilder.Simple<ZFNet> b) {
        super(b.getNumClasses(), "6", 3, Layers.Init.NORMAL_0_01);
        Sequential f = new Sequential();
        f.add(conv(96, 7, 2, 1)).add(Activation.reluBlock()).add(pool());
        f.add(LocalResponseNorm.alexnet());
        f.add(conv(256, 5, 2, 0)).add(Activation.reluBlock()).add(pool());
        f.add(LocalResponseNorm.alexnet());
        f.add(conv(384, 3, 1, 1)).add(Activation.reluBlock());
        f.add(conv(384, 3, 1, 1)).add(Activation.reluBlock());
        f.add(conv(256, 3, 1, 1)).add(Activation.reluBlock()).add(pool());
        Sequential mlp = Stacks.dropoutFirstMlp(4096, b.getDropout(), Layers.Init.NORMAL_0_01, 0);
        assemble(f, List.of("1", "5", "13"), new AdaptiveAvgPool2d(6, 6), mlp, 4096);
    }

    private static ai.djl.nn.Block conv(int out, int k, int s, int p) {
        return Layers.init(Layers.conv2d(out, k, s, p, 1, true), Layers.Init.NORMAL_0_01);
    }

    private static Pool2d pool() {
        return Pool2d.max(3, 2, 0, true);
    }

    /**
     * Returns a builder (dropout 0.5, 1000 classes).
     *
     * @return a new builder
     */
    public static DropoutBuilder.Simple<ZFNet> builder() {
        return new DropoutBuilder.Simple<>(0.5f, ZFNet::new);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ZFNet";
    }
}
