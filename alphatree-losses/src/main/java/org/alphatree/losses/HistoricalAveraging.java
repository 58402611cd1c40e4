package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alphatree.blocks.weights.NamedParameters;

/**
 * Historical averaging (Salimans et al. 2016, §3.3): {@code λ · Σ_p ‖p − (1/t) Σ_{i<t} p_i‖²}, the
 * distance of each parameter from the average of its past values. As torchgan's {@code
 * HistoricalAverageGeneratorLoss}: the first call only records the parameters (and returns 0);
 * every later call returns the penalty, differentiable in the current parameters, and then adds
 * them to the history. openai/improved-gan's code has no historical averaging. The history sums are
 * float64 copies owned by this object ({@link #close()}).
 *
 * <p>Salimans, Goodfellow, Zaremba, Cheung, Radford &amp; Chen, "Improved Techniques for Training
 * GANs", NeurIPS 2016.
 */
public final class HistoricalAveraging implements AutoCloseable {

    private final Block block;
    private final float lambda;
    private final NDManager manager;
    private final Map<String, NDArray> sums = new LinkedHashMap<>();
    private int count;

    /**
     * Creates the regularizer.
     *
     * @param block the network whose trainable parameters are averaged (initialized)
     * @param lambda the weight λ (torchgan: 1)
     * @param manager owns the history
     */
    public HistoricalAveraging(Block block, float lambda, NDManager manager) {
        if (!(lambda >= 0) || Float.isInfinite(lambda)) {
            throw new IllegalArgumentException(
                    "historical averaging: λ must be >= 0, got " + lambda);
        }
        this.block = block;
        this.lambda = lambda;
        this.manager = manager;
    }

    /**
     * Returns the number of recorded steps.
     *
     * @return t
     */
    public int steps() {
        return count;
    }

    /**
     * The penalty for the current parameters (0 on the first call), then records them.
     *
     * @return a scalar, differentiable in the parameters
     */
    public NDArray penalty() {
        Map<String, Parameter> params = NamedParameters.of(block);
        NDArray total = null;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            NDArray w = p.getArray();
            NDArray sum = sums.get(e.getKey());
            if (sum != null) {
                NDArray avg = sum.div(count).toType(w.getDataType(), false);
                NDArray term = w.sub(avg).square().sum();
                total = total == null ? term : total.add(term);
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            NDArray now =
                    p.getArray().stopGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, true);
            NDArray sum = sums.get(e.getKey());
            if (sum == null) {
                now.attach(manager);
                sums.put(e.getKey(), now);
            } else {
                sum.addi(now);
                now.close();
            }
        }
        count++;
        if (total == null) {
            return manager.create(0f);
        }
        return Scalars.mul(total, lambda);
    }

    /** Releases the history. */
    @Override
    public void close() {
        sums.values().forEach(NDArray::close);
        sums.clear();
    }
}
