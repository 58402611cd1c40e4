package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;

/** The layer stacks eriklindernoren's ACGAN and InfoGAN share, with his module indices. */
final class GanParts {
    private GanParts() {}

    /** eriklindernoren's {@code nn.BatchNorm(C, 0.8)}: eps 0.8 (his second argument). */
    static final float ERIK_EPS = 0.8f;

    /** {@code nn.Upsample(scale_factor=2)}, nearest. */
    static final class Upsample2x extends AlphaBlock {
        @Override
        public String kind() {
            return "Upsample(2x, nearest)";
        }

        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
            return x.repeat(2, 2).repeat(3, 2);
        }
    }

    /**
     * conv_blocks of the generators: BN(c0), up, conv3 c0, BN(c0, 0.8), LReLU, up, conv3 c1, BN(c1,
     * 0.8), LReLU, conv3 channels, tanh.
     */
    static Sequential upsamplingConvs(int c0, int c1, int channels) {
        Sequential s = new Sequential();
        s.add(new BatchNorm2d(c0));
        s.add(new Upsample2x());
        s.add(Layers.conv2d(c0, 3, 1, 1, 1, true));
        s.add(new BatchNorm2d(c0, ERIK_EPS, 0.1f));
        s.add(Activation.leakyReluBlock(0.2f));
        s.add(new Upsample2x());
        s.add(Layers.conv2d(c1, 3, 1, 1, 1, true));
        s.add(new BatchNorm2d(c1, ERIK_EPS, 0.1f));
        s.add(Activation.leakyReluBlock(0.2f));
        s.add(Layers.conv2d(channels, 3, 1, 1, 1, true));
        s.add(new Activation(Activation.Type.TANH));
        return s;
    }

    /**
     * conv_blocks of the discriminators: four (conv3 stride 2, LReLU, Dropout2d [, BN(0.8)]), the
     * first without BN.
     */
    static Sequential convTrunk(int[] widths, float dropout) {
        Sequential s = new Sequential();
        for (int i = 0; i < 4; i++) {
            s.add(Layers.conv2d(widths[i], 3, 2, 1, 1, true));
            s.add(Activation.leakyReluBlock(0.2f));
            s.add(new Dropout2d(dropout));
            if (i > 0) {
                s.add(new BatchNorm2d(widths[i], ERIK_EPS, 0.1f));
            }
        }
        return s;
    }

    static void checkWidths(String what, int[] w, int n) {
        if (w == null || w.length != n) {
            throw new IllegalArgumentException(what + ": " + n + " widths expected");
        }
        for (int v : w) {
            if (v < 1) {
                throw new IllegalArgumentException(what + ": widths must be >= 1");
            }
        }
    }
}
