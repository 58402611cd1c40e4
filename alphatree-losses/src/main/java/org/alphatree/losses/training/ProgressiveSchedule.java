package org.alphatree.losses.training;

import ai.djl.ndarray.NDArray;

/**
 * ProGAN's progressive-growing schedule (Karras et al. 2018, §2;
 * tkarras/progressive_growing_of_gans {@code train.py} {@code TrainingSchedule}): training starts
 * at a low resolution and doubles it in phases of {@code training + transition} real images: during
 * {@code training} the level of detail is constant, during {@code transition} it falls linearly by
 * one, fading the new resolution in. {@code lod = log2(R) − log2(R₀) − phase − max(shown_in_phase −
 * training, 0) / transition}, clamped at 0 (the paper: 600k + 600k images per phase). {@link
 * #processReals} prepares the real images the same way the TF code does: the level-floor(lod)
 * images faded with their 2× box-filtered version by lod − floor(lod), then upscaled back to the
 * networks' full resolution.
 */
public final class ProgressiveSchedule {

    private final int resolutionLog2;
    private final int initialLog2;
    private final long training;
    private final long transition;

    /**
     * Creates the schedule.
     *
     * @param resolution the final resolution R (a power of two)
     * @param initialResolution R₀ (4 in the paper)
     * @param trainingImages real images per phase at a constant lod (600,000)
     * @param transitionImages real images per fade (600,000)
     */
    public ProgressiveSchedule(
            int resolution, int initialResolution, long trainingImages, long transitionImages) {
        if (Integer.bitCount(resolution) != 1
                || Integer.bitCount(initialResolution) != 1
                || initialResolution > resolution
                || initialResolution < 4) {
            throw new IllegalArgumentException(
                    "progressive schedule: powers of two 4 <= R0 <= R expected, got R0 "
                            + initialResolution
                            + ", R "
                            + resolution);
        }
        if (trainingImages < 0 || transitionImages < 0 || trainingImages + transitionImages == 0) {
            throw new IllegalArgumentException(
                    "progressive schedule: image counts must be >= 0 and not both 0");
        }
        this.resolutionLog2 = Integer.numberOfTrailingZeros(resolution);
        this.initialLog2 = Integer.numberOfTrailingZeros(initialResolution);
        this.training = trainingImages;
        this.transition = transitionImages;
    }

    /**
     * The level of detail after {@code shown} real images.
     *
     * @param shown real images shown so far
     * @return lod in [0, log2(R) − log2(R₀)]
     */
    public float lod(long shown) {
        long phaseLength = training + transition;
        long phase = shown / phaseLength;
        long inPhase = shown - phase * phaseLength;
        double lod = resolutionLog2 - initialLog2 - phase;
        if (transition > 0) {
            lod -= Math.max(inPhase - training, 0) / (double) transition;
        }
        return (float) Math.max(lod, 0);
    }

    /**
     * The current training resolution: {@code 2^(log2 R − floor(lod))}.
     *
     * @param lod the level of detail
     * @return the side
     */
    public int resolution(float lod) {
        return 1 << (resolutionLog2 - (int) Math.floor(lod));
    }

    /**
     * Real images at full resolution (N, C, R, R) made what the networks see at {@code lod}.
     *
     * @param x the full-resolution images
     * @param lod the level of detail
     * @return (N, C, R, R)
     */
    public static NDArray processReals(NDArray x, float lod) {
        long[] s = x.getShape().getShape();
        int level = (int) Math.floor(lod);
        NDArray y = x;
        for (int i = 0; i < level; i++) {
            y = box(y);
        }
        float t = lod - level;
        if (t > 0) {
            NDArray down = box(y).repeat(2, 2).repeat(3, 2);
            y = y.add(down.sub(y).mul(t));
        }
        int factor = 1 << level;
        if (factor > 1) {
            y = y.repeat(2, factor).repeat(3, factor);
        }
        if (y.getShape().get(2) != s[2]) {
            throw new IllegalStateException(
                    "processReals: lod " + lod + " too deep for " + x.getShape());
        }
        return y;
    }

    private static NDArray box(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.reshape(s[0], s[1], s[2] / 2, 2, s[3] / 2, 2)
                .mean(new int[] {5})
                .mean(new int[] {3});
    }
}
