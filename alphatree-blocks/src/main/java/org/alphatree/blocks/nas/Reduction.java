package org.alphatree.blocks.nas;

import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.layers.Pool2d;

/**
 * PolyNet's reduction modules (Cadene {@code ReductionA/B}, Inception-v4's with PolyNet's widths):
 * parallel stride-2 paths {@code path0}, {@code path1}, ... and a 3x3/2 max pool, concatenated.
 */
public final class Reduction extends Branches {

    private Reduction(String name, ai.djl.nn.Block... paths) {
        for (int i = 0; i < paths.length; i++) {
            add("path" + i, paths[i]);
            branch("path" + i);
        }
        describeAs(name);
    }

    /**
     * Reduction-A: 35x35x384 → 17x17x1152.
     *
     * @return the module
     */
    public static Reduction a() {
        return new Reduction(
                "ReductionA",
                PolyLayers.seq(
                        PolyLayers.conv(256, 1, 1, 0),
                        PolyLayers.conv(256, 3, 1, 1),
                        PolyLayers.conv(384, 3, 2, 0)),
                PolyLayers.conv(384, 3, 2, 0),
                Pool2d.max(3, 2, 0, false));
    }

    /**
     * Reduction-B: 17x17x1152 → 8x8x2048.
     *
     * @return the module
     */
    public static Reduction b() {
        return new Reduction(
                "ReductionB",
                PolyLayers.seq(
                        PolyLayers.conv(256, 1, 1, 0),
                        PolyLayers.conv(256, 3, 1, 1),
                        PolyLayers.conv(256, 3, 2, 0)),
                PolyLayers.seq(PolyLayers.conv(256, 1, 1, 0), PolyLayers.conv(256, 3, 2, 0)),
                PolyLayers.seq(PolyLayers.conv(256, 1, 1, 0), PolyLayers.conv(384, 3, 2, 0)),
                Pool2d.max(3, 2, 0, false));
    }
}
