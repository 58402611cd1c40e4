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
import org.alphatree.blocks.core.Temporaries;

/**
 * One StyleGAN2 synthesis layer ({@code SynthesisLayer}): inputs (x, w) with x (N, I, r/up, r/up)
 * and w (N, w_dim); the styles {@code affine(w)} (bias init 1) modulate a 3×3 convolution with
 * demodulation (optionally 2× FIR upsampling), noise {@code noise_strength · n} is added (one
 * learned scalar, init 0; n fresh N(0, 1) per pixel or the stored {@code noise_const}), then bias,
 * leaky ReLU 0.2, ×√2 and the optional clamp. The modulated convolution is fused (one grouped
 * convolution) in inference and per-sample activation scaling in training, as the reference's
 * synthesis blocks choose.
 *
 * <p>Parameters: {@code weight}, {@code noise_strength}, {@code bias}, {@code affine.weight},
 * {@code affine.bias}; buffer {@code noise_const} — the reference's state_dict keys.
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, §2.2;
 * NVlabs/stylegan2-ada-pytorch {@code training/networks.py:SynthesisLayer}.
 */
public class SynthesisLayer extends AlphaBlock {

    private static final float SQRT2 = (float) Math.sqrt(2);

    private final int in;
    private final int out;
    private final int resolution;
    private final int up;
    private final float convClamp;
    private final Parameter weight;
    private final Parameter noiseStrength;
    private final Parameter bias;
    private final Parameter noiseConst;
    private NoiseMode noiseMode = NoiseMode.RANDOM;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out output channels
     * @param wDim the w size
     * @param resolution the output resolution
     * @param up 1, or 2 to upsample
     * @param convClamp clamp of the output (negative: none)
     */
    public SynthesisLayer(int in, int out, int wDim, int resolution, int up, float convClamp) {
        if (in < 1 || out < 1 || wDim < 1 || resolution < 1 || (up != 1 && up != 2)) {
            throw new IllegalArgumentException(
                    "SynthesisLayer: in, out, wDim, resolution >= 1 and up 1 or 2 expected");
        }
        this.in = in;
        this.out = out;
        this.resolution = resolution;
        this.up = up;
        this.convClamp = convClamp;
        weight = addParameter(ParameterSpecs.weight(new NormalInitializer(1f)));
        noiseStrength =
                addParameter(
                        ParameterSpecs.trainable(
                                "noise_strength",
                                Parameter.Type.WEIGHT,
                                Initializer.ZEROS,
                                new Shape()));
        bias = addParameter(ParameterSpecs.bias(Initializer.ZEROS, null));
        noiseConst =
                addParameter(
                        ParameterSpecs.buffer(
                                "noise_const",
                                Parameter.Type.RUNNING_MEAN,
                                new NormalInitializer(1f),
                                new Shape(resolution, resolution)));
        add("affine", FullyConnectedLayer.builder().setUnits(in).optBiasInit(1f).build());
        describeAs("SynthesisLayer(" + out + (up > 1 ? ", up 2x" : "") + ")");
    }

    /**
     * Sets the noise source.
     *
     * @param mode the mode
     */
    public void setNoiseMode(NoiseMode mode) {
        this.noiseMode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(out, in, 3, 3));
        bias.setShape(new Shape(out));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray wLatent = inputs.get(1);
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        Shape s = x.getShape();
        if (s.dimension() != 4
                || s.get(1) != in
                || s.get(2) != resolution / up
                || s.get(3) != resolution / up) {
            throw new IllegalArgumentException(
                    kind()
                            + ": expected (N, "
                            + in
                            + ", "
                            + resolution / up
                            + ", "
                            + resolution / up
                            + "), got "
                            + s);
        }
        NDArray styles = call("affine", ps, wLatent, training);
        NDArray strength = ps.getValue(noiseStrength, x.getDevice(), training);
        NDArray noise =
                switch (noiseMode) {
                    case RANDOM ->
                            x.getManager()
                                    .randomNormal(
                                            0f,
                                            1f,
                                            new Shape(s.get(0), 1, resolution, resolution),
                                            x.getDataType(),
                                            x.getDevice())
                                    .mul(strength);
                    case CONST ->
                            Temporaries.near(
                                    ps.getValue(noiseConst, x.getDevice(), training).mul(strength),
                                    x);
                    case NONE -> null;
                };
        NDArray y = Resample.modulatedConv2d(x, w, styles, noise, up, 1, true, up == 1, !training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return new NDList(Resample.biasAct(y, b, true, SQRT2, convClamp));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out, resolution, resolution)};
    }
}
