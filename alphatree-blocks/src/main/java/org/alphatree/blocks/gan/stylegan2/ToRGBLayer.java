package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;

/**
 * StyleGAN2's {@code ToRGBLayer}: inputs (x, w); a 1×1 modulated convolution without demodulation,
 * the styles {@code affine(w) / √I}, then bias and the optional clamp (linear). Parameters {@code
 * weight}, {@code bias}, {@code affine.*}.
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, §4.1 (skip
 * generator); NVlabs/stylegan2-ada-pytorch {@code training/networks.py:ToRGBLayer}.
 */
public class ToRGBLayer extends AlphaBlock {

    private final int in;
    private final int out;
    private final float convClamp;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out image channels
     * @param convClamp clamp (negative: none)
     */
    public ToRGBLayer(int in, int out, float convClamp) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("ToRGBLayer: in, out >= 1 expected");
        }
        this.in = in;
        this.out = out;
        this.convClamp = convClamp;
        weight = addParameter(ParameterSpecs.weight(new NormalInitializer(1f)));
        bias = addParameter(ParameterSpecs.bias(Initializer.ZEROS, null));
        add("affine", FullyConnectedLayer.builder().setUnits(in).optBiasInit(1f).build());
        describeAs("ToRGB(" + out + ")");
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(out, in, 1, 1));
        bias.setShape(new Shape(out));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, " + in + ", H, W), got " + x.getShape());
        }
        NDArray styles =
                Scalars.mul(
                        call("affine", ps, inputs.get(1), training), (float) (1 / Math.sqrt(in)));
        NDArray y = Resample.modulatedConv2d(x, w, styles, null, 1, 0, false, true, !training);
        return new NDList(
                Resample.biasAct(
                        y, ps.getValue(bias, x.getDevice(), training), false, 1f, convClamp));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }
}
