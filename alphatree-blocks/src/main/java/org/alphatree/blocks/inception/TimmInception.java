package org.alphatree.blocks.inception;

import ai.djl.nn.Block;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.Pool2d;

/** Unit factories shared by timm's Inception v4 and Inception-ResNet-v2 (BN eps 0.001). */
final class TimmInception {
    private TimmInception() {}

    static ConvNormAct c(int out, int k, int stride, int pad) {
        return InceptionV3Blocks.conv(out, k, stride, pad);
    }

    /** A 1xk or kx1 convolution padded to keep the size. */
    static ConvNormAct c(int out, int kh, int kw) {
        return InceptionV3Blocks.conv(out, kh, kw);
    }

    static Sequential seq(Block... blocks) {
        Sequential s = new Sequential();
        for (Block b : blocks) {
            s.add(b);
        }
        return s;
    }

    /** {@code AvgPool2d(3, 1, 1, count_include_pad=False)}. */
    static Pool2d avgNoPad() {
        return Pool2d.avg(3, 1, 1, false, false);
    }

    static Pool2d max3s2() {
        return Pool2d.max(3, 2, 0, false);
    }
}
