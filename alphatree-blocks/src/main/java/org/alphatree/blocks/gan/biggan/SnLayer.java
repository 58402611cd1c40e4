package org.alphatree.blocks.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Temporaries;
import org.alphatree.blocks.gan.conditional.ClassEmbedding;

/**
 * A convolution, linear layer or embedding with BigGAN's spectral normalization ({@code SNConv2d},
 * {@code SNLinear}, {@code SNEmbedding}): the weight used is {@code weight / σ}, σ from one power
 * iteration on {@code weight} viewed as (out, −1) starting at the stored {@code u0} (1, out):
 * {@code v = normalize(u0·W)}, {@code u = normalize(v·Wᵀ)} (no gradient; {@code F.normalize}, x /
 * max(‖x‖, ε)), {@code σ = v·Wᵀ·uᵀ} (with gradient). The iteration runs in inference too, but only
 * training stores {@code u} into {@code u0} and σ into {@code sv0} — unlike {@code
 * torch.nn.utils.spectral_norm} ({@link org.alphatree.blocks.gan.SpectralNorm}), which reuses its
 * vectors in inference. For an embedding, out is the number of classes.
 *
 * <p>Parameters {@code weight}, {@code bias}; buffers {@code u0}, {@code sv0} (the reference's
 * state_dict keys).
 *
 * <p>Miyato et al., "Spectral Normalization for GANs", ICLR 2018; ajbrock/BigGAN-PyTorch {@code
 * layers.py:SN, SNConv2d, SNLinear, SNEmbedding, power_iteration}.
 */
public class SnLayer extends AlphaBlock {

    private enum Kind {
        CONV,
        LINEAR,
        EMBEDDING
    }

    private final Kind kind;
    private final int out;
    private final int kernel;
    private final int padding;
    private final int embeddingDim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u0;
    private final Parameter sv0;

    private SnLayer(
            Kind kind, int out, int kernel, int padding, boolean useBias, int dim, float eps) {
        if (out < 1 || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "SnLayer: out >= 1 and eps > 0 expected, got " + out + ", " + eps);
        }
        this.kind = kind;
        this.out = out;
        this.kernel = kernel;
        this.padding = padding;
        this.embeddingDim = dim;
        this.eps = eps;
        Parameter.Builder w =
                Parameter.builder()
                        .setName("weight")
                        .setType(Parameter.Type.WEIGHT)
                        .optInitializer(new NormalInitializer(0.02f));
        if (kind == Kind.EMBEDDING) {
            w.optShape(new Shape(out, dim));
        }
        weight = addParameter(w.build());
        bias =
                useBias
                        ? addParameter(ParameterSpecs.bias(Initializer.ZEROS, new Shape(out)))
                        : null;
        u0 =
                addParameter(
                        ParameterSpecs.buffer(
                                "u0",
                                Parameter.Type.RUNNING_MEAN,
                                new NormalInitializer(1f),
                                new Shape(1, out)));
        sv0 =
                addParameter(
                        ParameterSpecs.buffer(
                                "sv0", Parameter.Type.RUNNING_VAR, Initializer.ONES, new Shape(1)));
        describeAs(
                switch (kind) {
                    case CONV -> "SNConv2d(" + out + ", " + kernel + "x" + kernel + ")";
                    case LINEAR -> "SNLinear(" + out + ")";
                    case EMBEDDING -> "SNEmbedding(" + out + ", " + dim + ")";
                });
    }

    /**
     * {@code SNConv2d(in, out, kernel, padding=padding, bias=useBias)}.
     *
     * @param out output channels
     * @param kernel kernel side
     * @param padding padding
     * @param useBias whether to add a bias
     * @param eps the normalization ε (1e-12 by default, 1e-6 in the launch scripts)
     * @return the layer
     */
    public static SnLayer conv2d(int out, int kernel, int padding, boolean useBias, float eps) {
        return new SnLayer(Kind.CONV, out, kernel, padding, useBias, 0, eps);
    }

    /**
     * {@code SNLinear(in, out, bias=useBias)}.
     *
     * @param out output features
     * @param useBias whether to add a bias
     * @param eps the normalization ε
     * @return the layer
     */
    public static SnLayer linear(int out, boolean useBias, float eps) {
        return new SnLayer(Kind.LINEAR, out, 1, 0, useBias, 0, eps);
    }

    /**
     * {@code SNEmbedding(classes, dim)}: class labels (N) → (N, dim).
     *
     * @param classes classes
     * @param dim embedding size
     * @param eps the normalization ε
     * @return the layer
     */
    public static SnLayer embedding(int classes, int dim, float eps) {
        return new SnLayer(Kind.EMBEDDING, classes, 1, 0, false, dim, eps);
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        switch (kind) {
            case CONV -> weight.setShape(new Shape(out, in.get(1), kernel, kernel));
            case LINEAR -> weight.setShape(new Shape(out, in.get(in.dimension() - 1)));
            case EMBEDDING -> {}
        }
    }

    private NDArray normalize(NDArray x) {
        return x.div(x.norm().maximum(eps));
    }

    /** The normalized weight; in training, stores u0 and sv0. */
    private NDArray normalizedWeight(NDArray w, boolean training, NDArray x) {
        NDArray mat = Temporaries.near(w.reshape(out, -1), x);
        NDArray u = u0.getArray();
        NDArray m = mat.stopGradient();
        NDArray v = normalize(Temporaries.near(u.matMul(m), x)); // (1, in)
        NDArray uNew = normalize(v.matMul(m.transpose())); // (1, out)
        NDArray sv = v.matMul(mat.transpose()).matMul(uNew.transpose()).reshape(1);
        if (training && !initializing()) {
            Assign.copy(u, uNew);
            Assign.copy(sv0.getArray(), sv);
        }
        return Temporaries.near(w.div(sv.reshape(new Shape())), x);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = normalizedWeight(ps.getValue(weight, x.getDevice(), training), training, x);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return switch (kind) {
            case CONV ->
                    Conv2d.conv2d(
                            x,
                            w,
                            b,
                            new Shape(1, 1),
                            new Shape(padding, padding),
                            new Shape(1, 1),
                            1);
            case LINEAR -> b == null ? Linear.linear(x, w) : Linear.linear(x, w, b);
            case EMBEDDING ->
                    new NDList(w.get(new NDIndex("{}", ClassEmbedding.checkLabels(x, out))));
        };
    }
}
