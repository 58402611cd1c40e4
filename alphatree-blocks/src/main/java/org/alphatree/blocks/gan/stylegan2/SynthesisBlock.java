package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Temporaries;

/**
 * One resolution of StyleGAN2's skip generator ({@code SynthesisBlock}, architecture 'skip'). The
 * first (4×4) block starts from the learned constant {@code const} (C, 4, 4) and has {@code conv1}
 * and {@code torgb}; later blocks have {@code conv0} (2× up), {@code conv1} and {@code torgb}, and
 * add their RGB output to the FIR-upsampled image of the previous block. Inputs: (ws) for the first
 * block, (x, img, ws) after, with ws (N, num_conv + 1, w_dim); outputs (x, img).
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, figure 7
 * (skip generator); NVlabs/stylegan2-ada-pytorch {@code training/networks.py:SynthesisBlock}.
 */
public class SynthesisBlock extends AlphaBlock {

    private final int in;
    private final int out;
    private final int wDim;
    private final int resolution;
    private final Parameter constant;

    /**
     * Creates the block.
     *
     * @param in input channels (0 for the first block)
     * @param out output channels
     * @param wDim the w size
     * @param resolution this block's resolution
     * @param imgChannels image channels
     * @param convClamp the clamp (negative: none)
     */
    public SynthesisBlock(
            int in, int out, int wDim, int resolution, int imgChannels, float convClamp) {
        this.in = in;
        this.out = out;
        this.wDim = wDim;
        this.resolution = resolution;
        if (in == 0) {
            constant =
                    addParameter(
                            ParameterSpecs.trainable(
                                    "const",
                                    Parameter.Type.WEIGHT,
                                    new NormalInitializer(1f),
                                    new Shape(out, resolution, resolution)));
        } else {
            constant = null;
            add("conv0", new SynthesisLayer(in, out, wDim, resolution, 2, convClamp));
        }
        add("conv1", new SynthesisLayer(out, out, wDim, resolution, 1, convClamp));
        add("torgb", new ToRGBLayer(out, imgChannels, convClamp));
        describeAs("SynthesisBlock(" + resolution + "x" + resolution + ", " + out + ")");
    }

    /**
     * Returns the ws this block reads: its convolutions and its ToRGB.
     *
     * @return num_conv + num_torgb
     */
    public int numWs() {
        return in == 0 ? 2 : 3;
    }

    /**
     * Returns the ws the next block's window is shifted by (its convolutions).
     *
     * @return num_conv
     */
    public int numConv() {
        return in == 0 ? 1 : 2;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ws = inputs.get(inputs.size() - 1);
        if (ws.getShape().dimension() != 3
                || ws.getShape().get(1) != numWs()
                || ws.getShape().get(2) != wDim) {
            throw new IllegalArgumentException(
                    kind()
                            + ": expected ws (N, "
                            + numWs()
                            + ", "
                            + wDim
                            + "), got "
                            + ws.getShape());
        }
        long n = ws.getShape().get(0);
        NDArray x;
        NDArray img = null;
        int w = 0;
        if (in == 0) {
            NDArray c = ps.getValue(constant, ws.getDevice(), training);
            x = Temporaries.near(c.expandDims(0), ws).broadcast(n, out, resolution, resolution);
        } else {
            x = inputs.get(0);
            img = inputs.get(1);
            x = layer("conv0", ps, x, ws, w++, training);
        }
        x = layer("conv1", ps, x, ws, w++, training);
        NDArray rgb = layer("torgb", ps, x, ws, w, training);
        img = img == null ? rgb : Resample.upsample2d(img).add(rgb);
        return new NDList(x, img);
    }

    private NDArray layer(
            String name, ParameterStore ps, NDArray x, NDArray ws, int i, boolean training) {
        return call(name, ps, new NDList(x, ws.get(":, " + i + ", :")), training, null)
                .singletonOrThrow();
    }
}
