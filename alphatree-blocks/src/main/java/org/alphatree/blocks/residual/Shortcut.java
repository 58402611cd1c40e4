package org.alphatree.blocks.residual;

import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Identity;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/** Projection shortcuts ({@code downsample}) of residual units. */
public final class Shortcut {
    private Shortcut() {}

    /**
     * The projection shortcut: 1x1 conv with stride then BN ({@code downsample.0}, {@code
     * downsample.1}), or with {@code avgDown} the ResNet-D form: {@code AvgPool2d(2, stride,
     * ceil_mode=True, count_include_pad=False)} then a stride-1 1x1 conv then BN ({@code
     * downsample.1}, {@code downsample.2}).
     *
     * <p>He et al., "Bag of Tricks for Image Classification with Convolutional Neural Networks",
     * CVPR 2019 (ResNet-D).
     *
     * @param outChannels output channels
     * @param stride stride
     * @param cfg block configuration (avgDown, BN settings)
     * @return the shortcut block
     */
    public static Sequential projection(int outChannels, int stride, BlockConfig cfg) {
        Sequential s = new Sequential();
        if (cfg.avgDown()) {
            // timm uses an identity in place of the pool at stride 1, keeping index 0 taken.
            s.add(stride > 1 ? Pool2d.avg(2, stride, 0, true, false) : new Identity());
            s.add(Layers.conv2d(outChannels, 1, 1, 0, 1, false));
        } else {
            int k = stride > 1 ? cfg.downKernel() : 1;
            s.add(Layers.conv2d(outChannels, k, stride, (stride - 1 + k - 1) / 2, 1, false));
        }
        s.add(new BatchNorm2d(outChannels, cfg.bnEps(), cfg.bnMomentum()));
        return s;
    }
}
