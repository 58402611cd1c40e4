package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;

/**
 * PolyNet's shared convolution (Cadene {@code PolyConv2d}): one {@code conv} used by every order of
 * a poly-N module, with one BatchNorm per order ({@code bn_blocks.k}), then ReLU. It has no forward
 * of its own: its {@link PolyModule} calls {@code conv} and {@code bn_blocks.k} for order k.
 */
public class PolyConv2d extends AlphaBlock {

    /**
     * Creates the convolution.
     *
     * @param out output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param ph height padding
     * @param pw width padding
     * @param orders the orders (one BN each)
     */
    public PolyConv2d(int out, int kh, int kw, int ph, int pw, int orders) {
        add("conv", Layers.conv2dRect(out, kh, kw, 1, ph, pw, false));
        Sequential bns = new Sequential();
        for (int k = 0; k < orders; k++) {
            bns.add(new BatchNorm2d(out));
        }
        add("bn_blocks", bns);
        describeAs("PolyConv2d(" + kh + "x" + kw + ", " + out + ", " + orders + " BNs)");
    }

    /**
     * Not callable on its own: a poly module runs it per order.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                "PolyConv2d runs per order inside its PolyModule (conv, then bn_blocks.k)");
    }
}
