package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * StyleGAN2's synthesis network: blocks {@code b4 … b<R>} ({@link SynthesisBlock}) with channels
 * {@code min(channelBase / r, channelMax)}; ws (N, num_ws, w_dim) → image (N, C, R, R). Block r
 * reads a window of ws that starts where the previous block's convolutions ended (its ToRGB shares
 * the next block's first w), so num_ws = 2·log2(R) − 2.
 *
 * <p>NVlabs/stylegan2-ada-pytorch {@code training/networks.py:SynthesisNetwork}.
 */
public class SynthesisNetwork extends AlphaBlock {

    private final StyleGan2.Spec spec;
    private final int numWs;

    /**
     * Creates the network.
     *
     * @param spec the configuration
     */
    public SynthesisNetwork(StyleGan2.Spec spec) {
        this.spec = spec;
        int ws = 0;
        for (int r = 4; r <= spec.resolution(); r *= 2) {
            int in = r == 4 ? 0 : spec.channels(r / 2);
            SynthesisBlock b =
                    add(
                            "b" + r,
                            new SynthesisBlock(
                                    in,
                                    spec.channels(r),
                                    spec.wDim(),
                                    r,
                                    spec.imgChannels(),
                                    spec.convClamp()));
            ws += b.numConv();
        }
        numWs = ws + 1;
        describeAs("SynthesisNetwork(" + spec.resolution() + ")");
    }

    /**
     * Returns the number of ws.
     *
     * @return num_ws
     */
    public int numWs() {
        return numWs;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray ws, boolean training) {
        Shape s = ws.getShape();
        if (s.dimension() != 3 || s.get(1) != numWs || s.get(2) != spec.wDim()) {
            throw new IllegalArgumentException(
                    kind() + ": expected ws (N, " + numWs + ", " + spec.wDim() + "), got " + s);
        }
        NDList state = null;
        int w = 0;
        for (int r = 4; r <= spec.resolution(); r *= 2) {
            SynthesisBlock b = (SynthesisBlock) child("b" + r);
            NDArray window = ws.get(":, " + w + ":" + (w + b.numWs()) + ", :");
            NDList in =
                    state == null
                            ? new NDList(window)
                            : new NDList(state.get(0), state.get(1), window);
            state = call("b" + r, ps, in, training, null);
            w += b.numConv();
        }
        return state.get(1);
    }
}
