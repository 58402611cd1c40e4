package org.alphatree.blocks.layers;

/** timm's {@code make_divisible}: round channel counts to a multiple of a divisor. */
public final class MakeDivisible {
    private MakeDivisible() {}

    /**
     * Rounds {@code v} to the nearest multiple of {@code divisor}, at least {@code minValue} (or
     * the divisor when 0), and never below {@code roundLimit * v}.
     *
     * @param v the value
     * @param divisor the divisor
     * @param minValue the minimum, 0 meaning the divisor
     * @param roundLimit do not round down by more than this fraction (timm default 0.9)
     * @return the rounded value
     */
    public static int of(double v, int divisor, int minValue, double roundLimit) {
        int min = minValue > 0 ? minValue : divisor;
        int newV = Math.max(min, (int) (v + divisor / 2.0) / divisor * divisor);
        if (newV < roundLimit * v) {
            newV += divisor;
        }
        return newV;
    }
}
