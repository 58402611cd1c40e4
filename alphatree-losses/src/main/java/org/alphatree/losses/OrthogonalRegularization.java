package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.function.Predicate;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.weights.NamedParameters;

/**
 * BigGAN's orthogonal regularization, as a loss: {@code β · ½ Σ_W ‖(W Wᵀ) ⊙ (1 − I)‖²_F} over every
 * trainable parameter with at least two dimensions (W viewed as (out, −1)), except the excluded
 * ones (BigGAN excludes the shared class embedding). Its gradient is {@code 2β·((W Wᵀ) ⊙ (1 −
 * I))·W}, exactly what BigGAN-PyTorch's {@code utils.ortho(model, β)} adds to each gradient; the
 * paper writes the penalty as {@code β‖…‖²_F}, so its β is twice the code's. The published 128-px
 * model was trained without it ({@code --G_ortho 0}); the code's documented default is 1e-4.
 *
 * <p>Brock, Donahue &amp; Simonyan, ICLR 2019, §3.1; ajbrock/BigGAN-PyTorch {@code utils.py:ortho}.
 */
public final class OrthogonalRegularization {

    private OrthogonalRegularization() {}

    /**
     * The penalty {@code β · ½ Σ ‖(W Wᵀ) ⊙ (1 − I)‖²_F}.
     *
     * @param block the network
     * @param ps the parameter store
     * @param scope the manager of the step's intermediates (not the model's)
     * @param beta the code's β (≥ 0)
     * @param exclude parameter names (state_dict keys) to leave out, e.g. {@code k ->
     *     k.startsWith("shared.")}
     * @return the scalar penalty
     */
    public static NDArray penalty(
            Block block,
            ParameterStore ps,
            NDManager scope,
            float beta,
            Predicate<String> exclude) {
        if (!(beta >= 0) || Float.isInfinite(beta)) {
            throw new IllegalArgumentException("ortho: beta must be >= 0, got " + beta);
        }
        NDArray total = null;
        for (Map.Entry<String, Parameter> e : NamedParameters.of(block).entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()
                    || p.getArray().getShape().dimension() < 2
                    || exclude.test(e.getKey())) {
                continue;
            }
            NDArray raw = p.getArray();
            NDArray w = ps.getValue(p, raw.getDevice(), true);
            NDArray mat =
                    org.alphatree.blocks.core.Temporaries.into(
                            w.reshape(w.getShape().get(0), -1), scope);
            NDArray gram = mat.matMul(mat.transpose());
            NDManager m = gram.getManager();
            long n = gram.getShape().get(0);
            NDArray offDiagonal = gram.mul(m.eye((int) n).neg().add(1f));
            NDArray term = offDiagonal.square().sum();
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            throw new IllegalArgumentException(
                    "ortho: no parameter of >= 2 dimensions to regularize");
        }
        return Scalars.mul(total, beta / 2);
    }
}
