package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.Checks;

/**
 * Gradient penalties on a critic's input gradient.
 *
 * <ul>
 *   <li>WGAN-GP (Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017): {@code λ
 *       · mean((‖∇D(x̂)‖ − t)²)} at {@code x̂ = x + α(G(z) − x)}, one {@code α ~ U[0, 1)} per
 *       sample, {@code ‖·‖} the per-sample L2 norm over all non-batch axes with {@code ε = 1e-10}
 *       inside the square root; λ = 10 and t = 1 by default. One-sided (WGAN-LP, Petzka et al.
 *       2018): {@code max(0, ‖∇D(x̂)‖ − t)²}.
 *   <li>R1 / R2 (Mescheder et al., "Which Training Methods for GANs do actually Converge?", ICML
 *       2018): {@code (γ/2) · mean ‖∇D(x)‖²} on real (R1) or generated (R2) samples — the ½
 *       convention of the paper.
 * </ul>
 *
 * The input gradient comes from {@link DoubleBackward}, so the penalty backpropagates into the
 * critic without DJL's create-graph leak. Call inside a {@code GradientCollector}.
 */
public final class GradientPenalty {

    private final float lambda;
    private final float target;
    private final boolean oneSided;
    private final float eps;

    private GradientPenalty(Builder b) {
        this.lambda = b.lambda;
        this.target = b.target;
        this.oneSided = b.oneSided;
        this.eps = b.eps;
    }

    /**
     * Returns a builder with WGAN-GP's defaults (λ 10, target 1, two-sided, ε 1e-10).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The WGAN-GP penalty.
     *
     * @param critic the critic
     * @param ps the parameter store
     * @param real real samples (N, …)
     * @param fake generated samples, same shape (detached: the penalty trains only the critic)
     * @return the scalar penalty
     */
    public NDArray wgan(Block critic, ParameterStore ps, NDArray real, NDArray fake) {
        Checks.sameShape(real, fake, "real and generated samples differ in shape");
        long n = real.getShape().get(0);
        long[] as = new long[real.getShape().dimension()];
        java.util.Arrays.fill(as, 1);
        as[0] = n;
        NDArray alpha =
                real.getManager()
                        .randomUniform(0f, 1f, new Shape(as), DataType.FLOAT32, real.getDevice());
        NDArray xhat = real.add(alpha.mul(fake.sub(real))).stopGradient();
        NDArray norm = gradNorm(critic, ps, xhat);
        NDArray dev = norm.sub(target);
        if (oneSided) {
            dev = dev.maximum(0);
        }
        return Scalars.mul(dev.square().mean(), lambda);
    }

    /**
     * The per-sample input-gradient norm {@code sqrt(Σ (∂D/∂x)² + ε)} at {@code x}.
     *
     * @param critic the critic
     * @param ps the parameter store
     * @param x the input (detached)
     * @return (N) norms, differentiable w.r.t. the critic's parameters
     */
    public NDArray gradNorm(Block critic, ParameterStore ps, NDArray x) {
        NDArray g = inputGradient(critic, ps, x);
        return g.reshape(g.getShape().get(0), -1).square().sum(new int[] {1}).add(eps).sqrt();
    }

    private static NDArray inputGradient(Block critic, ParameterStore ps, NDArray x) {
        NDArray xi = x.stopGradient();
        xi.setRequiresGradient(true);
        NDArray y = critic.forward(ps, new NDList(xi), true).head();
        return DoubleBackward.shared().grad(y, xi);
    }

    /**
     * R1 ({@code samples} real) or R2 ({@code samples} generated): {@code (γ/2) · mean ‖∇D(x)‖²}.
     *
     * @param critic the critic
     * @param ps the parameter store
     * @param samples the samples
     * @param gamma γ
     * @return the scalar penalty
     */
    public static NDArray r1(Block critic, ParameterStore ps, NDArray samples, float gamma) {
        NDArray g = inputGradient(critic, ps, samples);
        return g.reshape(g.getShape().get(0), -1).square().sum(new int[] {1}).mean().mul(gamma / 2);
    }

    /** Builds a {@link GradientPenalty}. */
    public static final class Builder {
        private float lambda = 10f;
        private float target = 1f;
        private boolean oneSided;
        private float eps = 1e-10f;

        private Builder() {}

        /**
         * Sets λ (default 10).
         *
         * @param lambda the weight
         * @return this
         */
        public Builder optLambda(float lambda) {
            this.lambda = lambda;
            return this;
        }

        /**
         * Sets the target norm (default 1).
         *
         * @param target the norm
         * @return this
         */
        public Builder optTarget(float target) {
            this.target = target;
            return this;
        }

        /**
         * Penalizes only norms above the target (WGAN-LP).
         *
         * @param oneSided whether one-sided
         * @return this
         */
        public Builder optOneSided(boolean oneSided) {
            this.oneSided = oneSided;
            return this;
        }

        /**
         * Sets ε inside the square root (default 1e-10).
         *
         * @param eps ε
         * @return this
         */
        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Builds the penalty.
         *
         * @return the penalty
         */
        public GradientPenalty build() {
            if (!(lambda >= 0) || !(target >= 0) || !(eps >= 0)) {
                throw new IllegalArgumentException("lambda, target and eps must be non-negative");
            }
            return new GradientPenalty(this);
        }
    }
}
