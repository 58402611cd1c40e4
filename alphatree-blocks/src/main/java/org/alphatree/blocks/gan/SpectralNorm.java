package org.alphatree.blocks.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.core.Kind;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Temporaries;

/**
 * A convolution or linear layer with spectral normalization, equal to {@code
 * torch.nn.utils.spectral_norm(module, n_power_iterations, eps=1e-12)}: the weight used is {@code
 * weight_orig / σ}, σ estimated by power iteration on {@code weight_orig} reshaped to (out, −1). In
 * training mode each forward runs the iterations, updating the buffers {@code weight_u} and {@code
 * weight_v} in place; in inference mode the stored vectors are used. Parameters {@code
 * weight_orig}, {@code bias}, {@code weight_u}, {@code weight_v}: PyTorch's state_dict keys.
 *
 * <p>Miyato, Kataoka, Koyama &amp; Yoshida, "Spectral Normalization for Generative Adversarial
 * Networks", ICLR 2018.
 */
public class SpectralNorm extends AbstractBlock implements Kind {

    private static final float EPS = 1e-12f;

    private final boolean conv;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int iterations;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;
    private final Parameter v;

    private SpectralNorm(
            boolean conv,
            int out,
            int kernel,
            int stride,
            int padding,
            boolean useBias,
            int iterations) {
        super((byte) 1);
        if (iterations < 1) {
            throw new IllegalArgumentException("power iterations must be at least 1");
        }
        this.conv = conv;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.iterations = iterations;
        weight =
                addParameter(
                        ParameterSpecs.trainable("weight_orig", Parameter.Type.WEIGHT, null, null));
        bias = useBias ? addParameter(ParameterSpecs.bias(null, null)) : null;
        u =
                addParameter(
                        ParameterSpecs.buffer(
                                "weight_u",
                                Parameter.Type.RUNNING_MEAN,
                                new NormalInitializer(1f),
                                null));
        v =
                addParameter(
                        ParameterSpecs.buffer(
                                "weight_v",
                                Parameter.Type.RUNNING_MEAN,
                                new NormalInitializer(1f),
                                null));
    }

    /**
     * {@code spectral_norm(nn.Conv2d(in, out, kernel, stride, padding, bias))}.
     *
     * @param out output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding padding
     * @param useBias whether to add a bias
     * @param iterations power iterations per training forward (PyTorch's default 1)
     * @return the block
     */
    public static SpectralNorm conv2d(
            int out, int kernel, int stride, int padding, boolean useBias, int iterations) {
        return new SpectralNorm(true, out, kernel, stride, padding, useBias, iterations);
    }

    /**
     * {@code spectral_norm(nn.Linear(in, out, bias))}.
     *
     * @param out output features
     * @param useBias whether to add a bias
     * @param iterations power iterations per training forward
     * @return the block
     */
    public static SpectralNorm linear(int out, boolean useBias, int iterations) {
        return new SpectralNorm(false, out, 1, 1, 0, useBias, iterations);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "SpectralNorm("
                + (conv ? "Conv2d " + kernel + "x" + kernel + ", " : "Linear ")
                + out
                + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        long in = conv ? inputShapes[0].get(1) : inputShapes[0].get(inputShapes[0].dimension() - 1);
        Shape w = conv ? new Shape(out, in, kernel, kernel) : new Shape(out, in);
        weight.setShape(w);
        if (bias != null) {
            bias.setShape(new Shape(out));
        }
        u.setShape(new Shape(out));
        v.setShape(new Shape(w.size() / out));
    }

    private static NDArray normalize(NDArray x) {
        return x.div(x.norm().maximum(EPS));
    }

    /**
     * The normalized weight {@code weight_orig / σ}; in training, runs the power iterations and
     * updates {@code weight_u}, {@code weight_v}.
     *
     * @param ps the parameter store
     * @param wOrig the raw weight
     * @param training whether to iterate
     * @return the normalized weight
     */
    private NDArray normalizedWeight(
            ParameterStore ps, NDArray wOrig, boolean training, NDArray x) {
        NDArray mat = Temporaries.near(wOrig.reshape(out, -1), x);
        NDArray uArr = u.getArray();
        NDArray vArr = v.getArray();
        NDArray uc = uArr;
        NDArray vc = vArr;
        if (training) {
            NDArray m = mat.stopGradient();
            for (int i = 0; i < iterations; i++) {
                vc = normalize(Temporaries.near(m.transpose().matMul(uc), x));
                uc = normalize(m.matMul(vc));
            }
            Assign.copy(uArr, uc);
            Assign.copy(vArr, vc);
            uc = uc.stopGradient();
            vc = vc.stopGradient();
        }
        NDArray sigma = Temporaries.near(uc.dot(mat.matMul(vc)), x);
        return Temporaries.near(wOrig.div(sigma), x);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = normalizedWeight(ps, ps.getValue(weight, x.getDevice(), training), training, x);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        if (conv) {
            return Conv2d.conv2d(
                    x,
                    w,
                    b,
                    new Shape(stride, stride),
                    new Shape(padding, padding),
                    new Shape(1, 1),
                    1);
        }
        return b == null ? Linear.linear(x, w) : Linear.linear(x, w, b);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (!conv) {
            long[] s = in.getShape().clone();
            s[s.length - 1] = out;
            return new Shape[] {new Shape(s)};
        }
        long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(in.get(0), out, h, w)};
    }
}
