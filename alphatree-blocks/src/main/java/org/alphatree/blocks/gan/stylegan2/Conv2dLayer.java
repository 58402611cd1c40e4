package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.Temporaries;

/**
 * StyleGAN2's discriminator convolution ({@code Conv2dLayer}): weight N(0, 1) used as {@code w /
 * √(I·k²)}, optional 2× FIR downsampling, bias, then leaky ReLU 0.2 ×√2 or linear, times a fixed
 * extra gain (√0.5 on the residual paths), clamped to ±clamp·gain when a clamp is set.
 *
 * <p>NVlabs/stylegan2-ada-pytorch {@code training/networks.py:Conv2dLayer}.
 */
public class Conv2dLayer extends AlphaBlock {

    private static final float SQRT2 = (float) Math.sqrt(2);

    private final int in;
    private final int out;
    private final int kernel;
    private final int down;
    private final boolean lrelu;
    private final float gain;
    private final float convClamp;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel kernel side (odd)
     * @param down 1, or 2 to downsample
     * @param lrelu leaky ReLU (else linear)
     * @param useBias whether to add a bias
     * @param gain extra gain ({@code forward(x, gain)} in the reference)
     * @param convClamp clamp (negative: none)
     */
    public Conv2dLayer(
            int in,
            int out,
            int kernel,
            int down,
            boolean lrelu,
            boolean useBias,
            float gain,
            float convClamp) {
        if (in < 1 || out < 1 || kernel < 1 || kernel % 2 == 0 || (down != 1 && down != 2)) {
            throw new IllegalArgumentException(
                    "Conv2dLayer: in, out >= 1, an odd kernel and down 1 or 2 expected");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.down = down;
        this.lrelu = lrelu;
        this.gain = gain;
        this.convClamp = convClamp;
        weight = addParameter(ParameterSpecs.weight(new NormalInitializer(1f)));
        bias = useBias ? addParameter(ParameterSpecs.bias(Initializer.ZEROS, null)) : null;
        describeAs(
                "Conv2dLayer("
                        + out
                        + ", "
                        + kernel
                        + "x"
                        + kernel
                        + (down > 1 ? ", down 2x" : "")
                        + ")");
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(out, in, kernel, kernel));
        if (bias != null) {
            bias.setShape(new Shape(out));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, " + in + ", H, W), got " + x.getShape());
        }
        NDArray w =
                Temporaries.near(
                        Scalars.mul(
                                ps.getValue(weight, x.getDevice(), training),
                                (float) (1 / Math.sqrt((double) in * kernel * kernel))),
                        x);
        NDArray y = Resample.conv2dResample(x, w, 1, down, kernel / 2, 1, true);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        float actGain = (lrelu ? SQRT2 : 1f) * gain;
        return Resample.biasAct(y, b, lrelu, actGain, convClamp < 0 ? -1 : convClamp * gain);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2) / down, s.get(3) / down)};
    }
}
