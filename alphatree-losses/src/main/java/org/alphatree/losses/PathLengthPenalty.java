package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;

/**
 * StyleGAN2's path length regularization: for ws and images {@code img = synthesis(ws)} and noise y
 * ~ N(0, 1)/√(HW), the per-sample length {@code a = √(mean_i Σ_j (∂(img·y)/∂ws)²)} (i over the ws,
 * j over w's features), the running target {@code pl_mean ← lerp(pl_mean, mean a, decay)}
 * (differentiated through mean a, as the reference does), and the penalty {@code weight · (a −
 * pl_mean)²} (weight 2, decay 0.01). The Jacobian-vector product is itself differentiated ({@link
 * DoubleBackward}), so the penalty trains the synthesis network (and, through ws, the mapping
 * network). The state ({@code pl_mean}) lives in this object; the reference runs it lazily (every 4
 * generator steps, the penalty × 4) on half the batch.
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, §3.2;
 * NVlabs/stylegan2-ada-pytorch {@code training/loss.py} (the Gpl phase).
 */
public final class PathLengthPenalty {

    private final float weight;
    private final float decay;
    private double mean;

    /**
     * Creates the penalty with its state at 0.
     *
     * @param weight the weight (2)
     * @param decay the running mean's decay (0.01)
     */
    public PathLengthPenalty(float weight, float decay) {
        if (!(weight >= 0) || Float.isInfinite(weight) || !(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException(
                    "path length: weight >= 0 and decay in (0, 1] expected, got "
                            + weight
                            + ", "
                            + decay);
        }
        this.weight = weight;
        this.decay = decay;
    }

    /**
     * The paper's settings: weight 2, decay 0.01.
     *
     * @return the penalty
     */
    public static PathLengthPenalty paper() {
        return new PathLengthPenalty(2f, 0.01f);
    }

    /**
     * Returns the running target {@code pl_mean}.
     *
     * @return pl_mean
     */
    public double mean() {
        return mean;
    }

    /**
     * The per-sample path lengths of images synthesized from ws, against given noise (call inside a
     * {@code GradientCollector}).
     *
     * @param images the images synthesized from {@code ws}, (N, C, H, W)
     * @param ws the ws, (N, num_ws, w_dim), requiring gradients
     * @param noise y, shaped like the images (already divided by √(HW))
     * @return (N) lengths, differentiable
     */
    public static NDArray lengths(NDArray images, NDArray ws, NDArray noise) {
        NDArray g = DoubleBackward.shared().grad(images.mul(noise), ws);
        return g.square().sum(new int[] {2}).mean(new int[] {1}).sqrt();
    }

    /**
     * Evaluates the penalty and moves {@code pl_mean}: {@code mean_N(weight · (a − pl_mean)²)}.
     *
     * @param images the images synthesized from {@code ws}
     * @param ws the ws, requiring gradients
     * @param noise y, shaped like the images (already divided by √(HW))
     * @return the scalar penalty
     */
    public NDArray evaluate(NDArray images, NDArray ws, NDArray noise) {
        NDArray a = lengths(images, ws, noise);
        // pl_mean = lerp(pl_mean, mean(a), decay), differentiable in a as the reference's (only
        // its stored copy is detached)
        NDArray target = Scalars.mul(a.mean().sub((float) mean), decay).add((float) mean);
        double next = target.getFloat();
        if (!Double.isFinite(next)) {
            throw new IllegalStateException("path length: the lengths are not finite");
        }
        mean = next;
        NDArray d = a.sub(target);
        return Scalars.mul(d.square(), weight).mean();
    }

    /**
     * One Gpl step on a StyleGAN2 generator: ws (leaves requiring gradients, e.g. mapped and
     * detached by the caller, or given), fresh noise, the penalty.
     *
     * @param g the generator
     * @param ps the parameter store
     * @param ws (N, num_ws, w_dim), requiring gradients
     * @return the scalar penalty
     */
    public NDArray evaluate(StyleGan2.Generator g, ParameterStore ps, NDArray ws) {
        NDArray img = g.synthesize(ps, ws, true);
        long[] s = img.getShape().getShape();
        NDArray noise =
                Scalars.div(
                        img.getManager().randomNormal(img.getShape()),
                        (float) Math.sqrt((double) s[2] * s[3]));
        return evaluate(img, ws, noise);
    }
}
