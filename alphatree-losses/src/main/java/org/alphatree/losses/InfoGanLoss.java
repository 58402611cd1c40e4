package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.alphatree.blocks.core.Checks;

/**
 * InfoGAN's mutual-information term (Chen et al. 2016): the Q network's negative log-likelihood of
 * the codes the generator was given, a variational lower bound on I(c; G(z, c)) up to the constant
 * H(c). {@code λ_cat · CE(Q_cat(x), c) + λ_con · MSE(Q_con(x), c_con)}: softmax cross-entropy for
 * the categorical code and, for the continuous codes, the squared error — a Gaussian NLL with a
 * fixed σ up to constants, as eriklindernoren/PyTorch-GAN's port does (λ_cat 1, λ_con 0.1; the
 * original fixes σ too but scales the NLL differently). {@link #mutualInformation} gives the
 * categorical estimate {@code H(c) − CE = log K − CE} (nats).
 *
 * <p>Chen, Duan, Houthooft, Schulman, Sutskever &amp; Abbeel, "InfoGAN: Interpretable
 * Representation Learning by Information Maximizing Generative Adversarial Nets", NeurIPS 2016.
 */
public final class InfoGanLoss {

    private final int categories;
    private final int codes;
    private final float lambdaCat;
    private final float lambdaCon;
    private static final AuxiliaryClassifierLoss CE = new AuxiliaryClassifierLoss(Reduction.MEAN);

    /**
     * Creates the term.
     *
     * @param categories K, the categorical code's categories
     * @param codes C, continuous codes (0 for none)
     * @param lambdaCat the categorical weight (1)
     * @param lambdaCon the continuous weight (0.1)
     */
    public InfoGanLoss(int categories, int codes, float lambdaCat, float lambdaCon) {
        if (categories < 2 || codes < 0 || !(lambdaCat >= 0) || !(lambdaCon >= 0)) {
            throw new IllegalArgumentException(
                    "InfoGAN: categories >= 2, codes >= 0 and weights >= 0 expected");
        }
        this.categories = categories;
        this.codes = codes;
        this.lambdaCat = lambdaCat;
        this.lambdaCon = lambdaCon;
    }

    /**
     * Returns K.
     *
     * @return the categories
     */
    public int categories() {
        return categories;
    }

    /**
     * Returns C.
     *
     * @return the continuous codes
     */
    public int codes() {
        return codes;
    }

    /**
     * The weighted term.
     *
     * @param category (N) the categorical codes given
     * @param code (N, C) the continuous codes given (ignored when C = 0)
     * @param categoryLogits (N, K) Q's logits
     * @param codePrediction (N, C) Q's predictions (ignored when C = 0)
     * @return a scalar
     */
    public NDArray evaluate(
            NDArray category, NDArray code, NDArray categoryLogits, NDArray codePrediction) {
        NDArray loss =
                Scalars.mul(
                        CE.evaluate(new NDList(category), new NDList(categoryLogits)), lambdaCat);
        if (codes > 0) {
            Checks.sameShape(
                    codePrediction, code, "InfoGAN: code predictions differ from the codes");
            loss = loss.add(Scalars.mul(codePrediction.sub(code).square().mean(), lambdaCon));
        }
        return loss;
    }

    /**
     * The categorical mutual-information estimate {@code log K − CE(Q_cat(x), c)} in nats: 0 when Q
     * guesses, log K when it recovers every code.
     *
     * @param category (N) the codes given
     * @param categoryLogits (N, K) Q's logits
     * @return the estimate
     */
    public double mutualInformation(NDArray category, NDArray categoryLogits) {
        double ce = CE.evaluate(new NDList(category), new NDList(categoryLogits)).getFloat();
        return Math.log(categories) - ce;
    }
}
