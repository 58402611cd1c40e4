package org.alphatree.losses.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam exactly as {@code torch.optim.Adam} (Kingma and Ba, "Adam: A Method for Stochastic
 * Optimization", ICLR 2015): {@code w ← w − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)}, with an L2 weight
 * decay added to the gradient as torch's {@code weight_decay}.
 *
 * <p>DJL's {@link ai.djl.training.optimizer.Adam} adds ε to the uncorrected {@code √v} (the "ε-hat"
 * form of the paper's section 2), so where gradients are tiny its steps differ from torch's by up
 * to a whole learning rate. This optimizer runs DJL's fused native update with ε scaled by {@code
 * √(1−β₂ᵗ)}, which is algebraically torch's rule; {@code GanTrainerParityTest} checks three
 * training steps against PyTorch within 1e-4.
 */
public final class TorchAdam extends Optimizer {

    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();

    private TorchAdam(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
    }

    /**
     * Returns a builder with torch's defaults (lr 1e-3, betas 0.9 and 0.999, ε 1e-8).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        double c1 = 1.0 - Math.pow(beta1, t);
        double c2 = 1.0 - Math.pow(beta2, t);
        float lr = learningRate.getNewValue(parameterId, t);
        float corrected = (float) (lr * Math.sqrt(c2) / c1);
        float eps = (float) (epsilon * Math.sqrt(c2));
        if (!Float.isFinite(corrected) || !Float.isFinite(getWeightDecay())) {
            throw new IllegalArgumentException(
                    "Adam: learning rate or weight decay is not finite at step " + t);
        }
        NDList inputs =
                new NDList(
                        weight,
                        grad,
                        withDefaultState(
                                means, parameterId, weight.getDevice(), k -> weight.zerosLike()),
                        withDefaultState(
                                variances,
                                parameterId,
                                weight.getDevice(),
                                k -> weight.zerosLike()));
        weight.getNDArrayInternal()
                .adamUpdate(
                        inputs,
                        new NDList(weight),
                        lr,
                        corrected,
                        getWeightDecay(),
                        rescaleGrad,
                        clipGrad,
                        beta1,
                        beta2,
                        eps,
                        true,
                        false);
    }

    /** Builds a {@link TorchAdam}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private ParameterTracker learningRate = Tracker.fixed(1e-3f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning rate tracker (default fixed 1e-3).
         *
         * @param tracker the tracker
         * @return this
         */
        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        /**
         * Sets the betas (default 0.9, 0.999).
         *
         * @param beta1 β₁ in [0, 1)
         * @param beta2 β₂ in [0, 1)
         * @return this
         */
        public Builder optBetas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets ε (default 1e-8).
         *
         * @param epsilon ε &gt; 0
         * @return this
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         */
        public TorchAdam build() {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
                throw new IllegalArgumentException(
                        "Adam: betas must be in [0, 1) and epsilon positive, got "
                                + beta1
                                + ", "
                                + beta2
                                + ", "
                                + epsilon);
            }
            return new TorchAdam(this);
        }
    }
}
